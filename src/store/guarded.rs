//! The one guarded way to read a file that came from someone else: a regular file only (a
//! FIFO would block, a device would never end), its size checked on the open handle before
//! reading and enforced while reading (a growing file or a `/proc` file cannot exceed it).

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(io::Error),
    /// Not a regular file: what it is instead.
    NotAFile(&'static str),
    /// Larger than the cap for its kind: its length (or what was read), and the cap.
    TooBig(u64, u64),
    /// A symbolic link to somewhere outside the folder it must stay in.
    Outside,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::NotAFile(what) => write!(f, "not read: {what}, not a regular file"),
            ReadError::TooBig(len, cap) => write!(
                f,
                "the file is {len} bytes or more; files over {cap} bytes of this kind are not read"
            ),
            ReadError::Outside => {
                f.write_str("not read: a symbolic link to a file outside the workspace")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Opens without blocking: opening a FIFO for reading would otherwise wait for a writer.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Reads the regular file at `path`, at most `cap` bytes.
pub fn read(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_into(path, cap, &mut bytes)?;
    Ok(bytes)
}

/// [`read`] into `bytes` (cleared first), so that a loop over many files reuses one buffer:
/// at 100,000 files, a fresh buffer each time left holes among the claims kept.
pub fn read_into(path: &Path, cap: u64, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    bytes.clear();
    let file = open(path).map_err(ReadError::Io)?;
    // The type of what was opened, not of what the path named a moment earlier.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooBig(meta.len(), cap));
    }
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > cap {
        return Err(ReadError::TooBig(read, cap));
    }
    Ok(())
}

/// `bytes` read from `path` as text: UTF-8 (a diagnostic placed where it stops being UTF-8),
/// without a leading byte-order mark. `what` names the kind of file in the message.
pub fn utf8_text(path: &Path, bytes: Vec<u8>, what: &str) -> Result<String, super::Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid =
            std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        super::Diagnostic::error(
            path,
            super::position_of(valid, valid.len()),
            format!("the {what} is not UTF-8 text"),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Like [`read`], for a file that must be inside `root`: a symbolic link that leads out of
/// it is refused, so a cloned workspace cannot make the program read `/etc/passwd`.
pub fn read_inside(root: &Path, path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let real = path.canonicalize().map_err(ReadError::Io)?;
    let root = root.canonicalize().map_err(ReadError::Io)?;
    if !real.starts_with(&root) {
        return Err(ReadError::Outside);
    }
    read(path, cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        assert!(matches!(read(&path, 4), Err(ReadError::TooBig(5, 4))));
        assert!(matches!(
            read(dir.path(), 10),
            Err(ReadError::NotAFile("a folder"))
        ));
        assert!(matches!(
            read(&dir.path().join("none"), 10),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(
                read(&fifo, 10),
                Err(ReadError::NotAFile("a FIFO"))
            ));
        }
        assert!(matches!(
            read(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a device"))
        ));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read(&link, 10),
            Err(ReadError::NotAFile("a device"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("secret");
        std::fs::write(&secret, b"s").unwrap();
        let link = root.path().join("passwd.md");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert!(matches!(
            read_inside(root.path(), &link, 10),
            Err(ReadError::Outside)
        ));
        let inside = root.path().join("a");
        std::fs::write(&inside, b"a").unwrap();
        let link = root.path().join("b");
        std::os::unix::fs::symlink(&inside, &link).unwrap();
        assert_eq!(read_inside(root.path(), &link, 10).unwrap(), b"a");
    }
}
