//! Writes that a crash cannot tear: a temp file in the same folder, flushed to disk, renamed
//! over the target, then the folder itself flushed so the rename survives a power cut.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Temp files start with this; a kill between creating and renaming one leaves it behind,
/// and opening the workspace removes it. Workspaces git-ignore the pattern.
pub const TEMP_PREFIX: &str = ".claimdesk-tmp-";

/// The lock file that serialises saves by several processes; git-ignored like temp files.
pub const LOCK_FILE: &str = ".claimdesk-lock";

/// An exclusive lock on a workspace folder, released when dropped.
pub struct Lock(File);

impl Lock {
    /// Waits for the folder's lock.
    pub fn acquire(dir: &Path) -> io::Result<Lock> {
        let file = Self::file(dir)?;
        file.lock()?;
        Ok(Lock(file))
    }

    /// Takes the folder's lock if the lock file exists (only commands that write create it)
    /// and nobody holds it.
    pub fn try_acquire_existing(dir: &Path) -> io::Result<Option<Lock>> {
        let file = match Self::open(dir, false) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock(file))),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }

    fn file(dir: &Path) -> io::Result<File> {
        Self::open(dir, true)
    }

    /// Opens the lock file without following a symbolic link: a cloned workspace could
    /// otherwise make the program create or write a file anywhere.
    fn open(dir: &Path, create: bool) -> io::Result<File> {
        let mut options = fs::OpenOptions::new();
        options.create(create).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let path = dir.join(LOCK_FILE);
        let file = options.open(&path).map_err(|e| {
            if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                io::Error::other(format!(
                    "{} is a symbolic link; remove it (it is only a lock file)",
                    path.display()
                ))
            } else {
                e
            }
        })?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other(format!(
                "{} is not a regular file; remove it (it is only a lock file)",
                path.display()
            )));
        }
        Ok(file)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Replaces `dir/name` with `bytes`, atomically. The folder is not flushed: call
/// [`sync_dir`] once after a batch of writes.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let target = dir.join(name);
    let write = || -> io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        keep_permissions(tmp.as_file(), &target)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&target).map_err(|e| e.error)?;
        Ok(())
    };
    // The temp file's random name means nothing to a person: the error names what was
    // being written, and keeps only the kind of failure.
    write().map_err(|e| io::Error::new(e.kind(), e.kind().to_string()))
}

/// Makes renames and removals in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Windows cannot open a folder as a file; its renames are journaled by NTFS.
        let _ = dir;
        Ok(())
    }
}

/// Removes the temp files that interrupted saves left in `dir`; returns how many.
pub fn remove_stale_temp_files(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && entry.file_type()?.is_file()
        {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A temp file is private (0600); the file it replaces keeps the mode it had, and a new file
/// gets the usual 0644, so other people sharing the folder can still read it.
fn keep_permissions(tmp: &File, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match fs::metadata(target) {
            Ok(meta) => meta.permissions().mode(),
            Err(_) => 0o644,
        };
        tmp.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (tmp, target);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a.ron", b"one").unwrap();
        write_atomic(dir.path(), "a.ron", b"two").unwrap();
        sync_dir(dir.path()).unwrap();
        assert_eq!(fs::read(dir.path().join("a.ron")).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{TEMP_PREFIX}x1")), b"half").unwrap();
        fs::write(dir.path().join("keep.ron"), b"x").unwrap();
        assert_eq!(remove_stale_temp_files(dir.path()).unwrap(), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a.ron", b"x").unwrap();
        let mode = fs::metadata(dir.path().join("a.ron"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
