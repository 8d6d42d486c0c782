//! An open workspace as a reviewer works on it: the folder, the claims, undo and redo, and
//! which claims are unsaved. The window drives one of these; it has no GUI in it, so it is
//! tested on its own.

use crate::edit::{self, Applied, Edit, EditError};
use crate::model::{Claim, ClaimId, SimilarIndex, Status, Workspace, merge};
use crate::store::{Diagnostic, Folder, OnDisk, OpenError, SaveError, SaveOptions, SaveReport};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

mod recovery;
pub use recovery::{
    RECOVERY_VERSION, Recovery, Restored, UnsavedClaim, read_recovery, recovery_key, write_recovery,
};

/// One undoable step.
#[derive(Debug)]
struct Step {
    /// What the step did, in words ("Dispute: …"), for the undo and redo commands.
    label: String,
    inverse: Edit,
    touched: Vec<ClaimId>,
    /// Steps with the same key in a row merge into one (typing in one field).
    merge_key: Option<MergeKey>,
    /// Bases this step replaced (taking a file's new content in): undoing it puts them back,
    /// so that a save after the undo merges against the old common version again instead of
    /// writing this side's old content over the file's new one.
    bases: Vec<(ClaimId, Base)>,
    /// Claims whose file a save wrote after this step (for a redo step, before it): the file
    /// holds what this step did, so replaying it is merged into the file like a `git revert`,
    /// keeping whatever else the file holds (someone else's change a merge took in).
    saved: BTreeSet<ClaimId>,
}

/// What a claim's file held when this session last read or wrote it: the common version a
/// save merges from when someone else changed the file meanwhile.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Base {
    claim: Option<Claim>,
    /// The file's hash as the folder knows it; `None` when there was no file.
    hash: Option<u64>,
    /// The base is not a file version but a state the file includes (an undo replayed into
    /// a saved file): the save always merges, even with the file gone.
    always_merge: bool,
}

impl Base {
    /// The file version `claim` whose hash is `hash`.
    fn file(claim: Option<Claim>, hash: Option<u64>) -> Self {
        Self {
            claim,
            hash,
            always_merge: false,
        }
    }
}

/// How often a save merges and tries again when files keep changing under it.
const SAVE_ATTEMPTS: usize = 8;

/// The field a burst of typing goes into: consecutive edits with the same key are one undo
/// step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeKey {
    /// The claim's text.
    Text(ClaimId),
    /// The claim's claimant.
    Claimant(ClaimId),
    /// A field of the claim's source.
    Source(ClaimId),
    /// A field of one evidence item.
    Evidence(ClaimId, usize),
    /// The write-up for readers.
    WriteUp(ClaimId),
    /// The assignment (the assignee's name being typed).
    Assignment(ClaimId),
}

/// An open workspace with its undo history.
#[derive(Debug)]
pub struct Session {
    folder: Folder,
    ws: Workspace,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Claims whose content differs from their file.
    unsaved: BTreeSet<ClaimId>,
    /// Counts changes, so that views can tell cheaply when to recompute what they cache.
    generation: u64,
    /// The claims each recent change touched, by the generation it produced; views that
    /// cache per claim update just those.
    recent: std::collections::VecDeque<(u64, Vec<ClaimId>)>,
    /// The file content each changed claim started from.
    ///
    /// Every claim changed since its file was read has its base here.
    bases: HashMap<ClaimId, Base>,
    /// The similar-claims matcher and the generation it reflects: built on first use (a
    /// command that never matches never pays for it), then brought up to date claim by claim.
    similar: std::sync::Mutex<Option<(u64, SimilarIndex)>>,
}

/// How many changes [`Session::changed_since`] remembers.
const RECENT_CHANGES: usize = 64;

/// Brings `index` up to date with the claims `ids` of `ws` (changed, added or removed).
fn take_in(index: &mut SimilarIndex, ws: &Workspace, ids: &[ClaimId]) {
    for id in ids {
        match ws.get(id) {
            Some(claim) => index.insert(id, &claim.text),
            None => index.remove(id),
        }
    }
}

impl Session {
    /// Opens the workspace in `dir`.
    pub fn open(dir: &Path) -> Result<Self, OpenError> {
        Self::open_with_progress(dir, &crate::store::OpenProgress::default())
    }

    /// [`Session::open`], counting the files read in `progress` as it goes.
    pub fn open_with_progress(
        dir: &Path,
        progress: &crate::store::OpenProgress,
    ) -> Result<Self, OpenError> {
        let (folder, ws) = Folder::open_with_progress(dir, progress)?;
        Ok(Self {
            folder,
            ws,
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: BTreeSet::new(),
            generation: 0,
            recent: std::collections::VecDeque::new(),
            bases: HashMap::new(),
            similar: std::sync::Mutex::new(None),
        })
    }

    /// The claims.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The folder they come from.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// Problems found when the workspace was opened.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.folder.diagnostics()
    }

    /// Grows by one with every change to the claims.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Runs `f` with the similar-claims matcher of the claims as they are now. The first call
    /// builds it; once built, every change is taken into it as it happens, so a view may
    /// call this every time it needs an answer.
    pub fn with_similar<R>(&self, f: impl FnOnce(&SimilarIndex, &Workspace) -> R) -> R {
        // A panic elsewhere while the lock was held leaves a matcher at worst a change
        // behind; it is caught up (or rebuilt) below when its generation does not fit.
        let mut cache = self
            .similar
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let caught_up = cache.take().and_then(|(g, mut index)| {
            take_in(&mut index, &self.ws, &self.changed_since(g)?);
            Some(index)
        });
        let fresh = caught_up.unwrap_or_else(|| SimilarIndex::build(&self.ws));
        let result = f(&fresh, &self.ws);
        *cache = Some((self.generation, fresh));
        result
    }

    /// True once the similar-claims matcher exists (built or adopted) and can be caught up
    /// with the claims: [`Session::with_similar`] then answers in milliseconds; before, its
    /// first call builds it (seconds at 100,000 claims), which a window does on another
    /// thread instead (see [`Session::adopt_similar`]).
    pub fn similar_ready(&self) -> bool {
        let cache = self
            .similar
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .as_ref()
            .is_some_and(|(g, _)| self.changed_since(*g).is_some())
    }

    /// Takes in a matcher built elsewhere from the claims as they were at `generation`;
    /// the claims changed since are taken in at the next [`Session::with_similar`]. One built
    /// too many changes ago to catch up is dropped (the window then builds another).
    pub fn adopt_similar(&self, generation: u64, index: SimilarIndex) {
        let mut cache = self
            .similar
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.is_none() && self.changed_since(generation).is_some() {
            *cache = Some((generation, index));
        }
    }

    /// The claims changed since `generation`, or `None` when that is too long ago to say
    /// (then recompute everything).
    pub fn changed_since(&self, generation: u64) -> Option<Vec<ClaimId>> {
        if generation == self.generation {
            return Some(Vec::new());
        }
        let oldest = self.recent.front()?.0;
        if generation + 1 < oldest || generation > self.generation {
            return None;
        }
        let mut ids: Vec<ClaimId> = self
            .recent
            .iter()
            .filter(|(g, _)| *g > generation)
            .flat_map(|(_, ids)| ids.iter().cloned())
            .collect();
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    fn changed(&mut self, touched: &[ClaimId]) {
        self.generation += 1;
        self.recent.push_back((self.generation, touched.to_vec()));
        if self.recent.len() > RECENT_CHANGES {
            self.recent.pop_front();
        }
        // A matcher that was current follows the change now: left until it is next asked,
        // it fell more than the remembered changes behind while its section was folded, and
        // was then rebuilt on the window's thread (seconds at 100,000 claims).
        let cache = (self.similar.get_mut()).unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((g, index)) = cache
            && *g + 1 == self.generation
        {
            take_in(index, &self.ws, touched);
            *g = self.generation;
        }
    }

    /// True when some claim differs from its file.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// The claims that differ from their files, in id order.
    pub fn unsaved_claims(&self) -> Vec<ClaimId> {
        self.unsaved.iter().cloned().collect()
    }

    /// True when this claim differs from its file (or has none yet, or was deleted).
    pub fn is_unsaved(&self, id: &ClaimId) -> bool {
        self.unsaved.contains(id)
    }

    /// Applies `edit` as a new undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_step(edit, None)
    }

    /// Applies `edit`, merged into the previous step when that one has the same `key`: a
    /// burst of typing in one field is one undo step. [`Session::end_merge`] ends the burst.
    pub fn apply_merging(&mut self, edit: Edit, key: MergeKey) -> Result<(), EditError> {
        self.apply_step(edit, Some(key))
    }

    fn apply_step(&mut self, edit: Edit, merge_key: Option<MergeKey>) -> Result<(), EditError> {
        self.apply_with_bases(edit, merge_key, Vec::new(), None)
    }

    /// Applies `edit` as an undo step that also takes `new_bases` as the claims' bases.
    /// The step is named `label`, or else by what the edit does.
    fn apply_with_bases(
        &mut self,
        edit: Edit,
        merge_key: Option<MergeKey>,
        new_bases: Vec<(ClaimId, Base)>,
        label: Option<String>,
    ) -> Result<(), EditError> {
        let label = label.unwrap_or_else(|| edit.describe(&self.ws));
        let applied = edit::apply(&mut self.ws, edit)?;
        let applied = self.keep_bases(applied);
        let bases = self.swap_bases(new_bases);
        let merge_key = if bases.is_empty() { merge_key } else { None };
        self.redo.clear();
        self.changed(&applied.touched);
        self.refresh_unsaved(&applied.touched);
        match self.undo.last_mut() {
            Some(last) if merge_key.is_some() && last.merge_key == merge_key => {
                // The older inverse already restores the state before the burst.
                last.touched.extend(applied.touched);
                last.touched.sort();
                last.touched.dedup();
            }
            _ => self.undo.push(Step {
                label,
                inverse: applied.inverse,
                touched: applied.touched,
                merge_key,
                bases,
                saved: BTreeSet::new(),
            }),
        }
        Ok(())
    }

    /// Records the base of each claim `applied` touched for the first time since its file was
    /// read: the claim as it was before. The edit is stepped back and forth once for that, so
    /// that any edit (a batch, a deletion that unlinks other claims) needs no list of the
    /// claims it will touch.
    fn keep_bases(&mut self, applied: Applied) -> Applied {
        let missing: Vec<ClaimId> = applied
            .touched
            .iter()
            .filter(|id| !self.bases.contains_key(*id))
            .cloned()
            .collect();
        if missing.is_empty() {
            return applied;
        }
        let back = edit::apply(&mut self.ws, applied.inverse)
            .expect("an inverse applies to the state it was made for");
        for id in missing {
            let base = Base::file(self.ws.get(&id).cloned(), self.folder.known_hash(&id));
            self.bases.insert(id, base);
        }
        let again = edit::apply(&mut self.ws, back.inverse)
            .expect("an inverse applies to the state it was made for");
        Applied {
            inverse: again.inverse,
            touched: applied.touched,
        }
    }

    /// Puts `bases` in; returns the ones they replaced.
    fn swap_bases(&mut self, bases: Vec<(ClaimId, Base)>) -> Vec<(ClaimId, Base)> {
        bases
            .into_iter()
            .filter_map(|(id, base)| {
                let old = self.bases.insert(id.clone(), base)?;
                Some((id, old))
            })
            .collect()
    }

    /// Ends a burst of merged edits: the next edit starts a new undo step.
    pub fn end_merge(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.merge_key = None;
        }
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo takes back, in words.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What the next redo does again, in words.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last step; returns the claims it touched (`None`: nothing to undo). A step
    /// that no longer applies (its claim was deleted on disk since) is dropped with an error.
    pub fn undo(&mut self) -> Result<Option<Vec<ClaimId>>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let back = self.replay(step)?;
        let touched = back.touched.clone();
        self.redo.push(back);
        Ok(Some(touched))
    }

    /// Redoes the last undone step; returns the claims it touched (`None`: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<Vec<ClaimId>>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        let back = self.replay(step)?;
        let touched = back.touched.clone();
        self.undo.push(back);
        Ok(Some(touched))
    }

    fn replay(&mut self, step: Step) -> Result<Step, EditError> {
        // Claims reloaded from disk are not in the history: a step about a claim deleted
        // there may no longer apply.
        let applied = edit::apply(&mut self.ws, step.inverse).map_err(|e| {
            EditError(format!(
                "{e}: the claim changed on disk since, so this step cannot be undone or redone"
            ))
        })?;
        // A claim first touched since its save: its base is the saved state, which the file
        // holds, so the save after this replay writes just the replay into the file.
        let applied = self.keep_bases(applied);
        let (in_file, not_saved): (Vec<_>, Vec<_>) = step
            .bases
            .into_iter()
            .partition(|(id, _)| step.saved.contains(id));
        let mut bases = self.swap_bases(not_saved);
        for (id, stored) in in_file {
            // A merge (or "reload theirs") the file already holds: the other side's change is
            // in the file and replaying cannot take it away. What comes back is merged from
            // itself: the save keeps the file's version of everything it did not change.
            let base = Base {
                claim: self.ws.get(&id).cloned(),
                hash: None,
                always_merge: true,
            };
            self.bases.insert(id.clone(), base);
            bases.push((id, stored));
        }
        self.changed(&step.touched);
        self.refresh_unsaved(&step.touched);
        Ok(Step {
            label: step.label,
            inverse: applied.inverse,
            touched: step.touched,
            merge_key: None,
            bases,
            saved: step.saved,
        })
    }

    fn refresh_unsaved(&mut self, touched: &[ClaimId]) {
        for id in touched {
            if self.folder.differs_from_file(&self.ws, id) {
                self.unsaved.insert(id.clone());
            } else {
                self.unsaved.remove(id);
            }
        }
    }

    /// Writes the unsaved claims. A claim whose file someone else changed meanwhile is merged
    /// with it first (base: the file as this session read it), as an undoable step, and the
    /// merge is written: [`SaveReport::merged`] lists those claims.
    ///
    /// Nothing is written when
    /// - a merge changed a field on both sides: [`SaveError::Unsettled`]; the claim holds both
    ///   values (its [`Claim::conflict`]) until each field is settled
    ///   ([`Edit::ResolveConflict`]), then save again;
    /// - a claim was deleted on one side and changed on the other: [`SaveError::ChangedOnDisk`];
    ///   take theirs ([`Session::take_theirs`]) or save again with those ids in `overwrite`.
    pub fn save(&mut self, options: &SaveOptions) -> Result<SaveReport, SaveError> {
        let mut merged = Vec::new();
        let mut stale = Vec::new();
        for _ in 0..SAVE_ATTEMPTS {
            stale = self.contested(options);
            if stale.is_empty() {
                let unsettled = self.unsettled();
                if !unsettled.is_empty() {
                    return Err(SaveError::Unsettled(unsettled));
                }
                match self.folder.save(&self.ws, &self.unsaved, options) {
                    Ok(mut report) => {
                        self.saved(&report);
                        merged.sort();
                        merged.dedup();
                        report.merged = merged;
                        return Ok(report);
                    }
                    Err(SaveError::ChangedOnDisk(ids)) => stale = ids,
                    Err(e) => return Err(e),
                }
            }
            merged.extend(self.merge_from_disk(&stale)?);
        }
        Err(SaveError::ChangedOnDisk(stale))
    }

    /// Unsaved claims whose file, as the folder knows it, is not the version their change
    /// started from: after "reload theirs", a live reload or a merge was undone.
    fn contested(&self, options: &SaveOptions) -> Vec<ClaimId> {
        self.unsaved
            .iter()
            .filter(|id| !options.overwrite.contains(*id))
            .filter(|id| {
                self.bases
                    .get(*id)
                    .is_some_and(|b| b.always_merge || b.hash != self.folder.known_hash(id))
            })
            .cloned()
            .collect()
    }

    /// Merges these claims with their files as they are now, as one undo step; returns those
    /// that took something from their file.
    fn merge_from_disk(&mut self, ids: &[ClaimId]) -> Result<Vec<ClaimId>, SaveError> {
        let mut theirs = Vec::with_capacity(ids.len());
        for id in ids {
            let (claim, hash) = self
                .folder
                .read_current(id)
                .map_err(|_| SaveError::Broken(vec![self.folder.path_of(id)]))?;
            theirs.push((id, claim, hash));
        }
        let mut steps = Vec::new();
        let mut new_bases = Vec::new();
        let mut moved_on = Vec::new();
        let mut apart = Vec::new();
        let mut unsettled = Vec::new();
        let mut taken = Vec::new();
        for (id, theirs, hash) in &theirs {
            let base = self.bases.get(*id).and_then(|b| b.claim.as_ref());
            let ours = self.ws.get(id);
            let next = ((*id).clone(), Base::file(theirs.clone(), *hash));
            match merge_claim(id, base, ours, theirs.as_ref()) {
                // This side holds everything already: only the common version moves on, and
                // no undo step is made for it.
                Merge::Same => moved_on.push(next),
                Merge::Into(claim, _) if Some(&*claim) == ours => moved_on.push(next),
                Merge::Apart => apart.push((*id).clone()),
                Merge::Into(claim, conflicts) => {
                    new_bases.push(next);
                    taken.push((*id).clone());
                    if conflicts {
                        unsettled.push((*id).clone());
                    }
                    steps.push(Edit::Restore(claim));
                }
                Merge::Deleted => {
                    new_bases.push(next);
                    taken.push((*id).clone());
                    steps.push(Edit::Discard { id: (*id).clone() });
                }
            }
        }
        if !apart.is_empty() {
            return Err(SaveError::ChangedOnDisk(apart));
        }
        for (id, base) in moved_on {
            self.bases.insert(id, base);
        }
        if !steps.is_empty() {
            self.end_merge();
            let label = format!(
                "Merge with the files changed on disk ({} claims)",
                steps.len()
            );
            self.apply_with_bases(Edit::Batch(steps), None, new_bases, Some(label))
                .map_err(|e| {
                    SaveError::Io(self.folder.root().to_path_buf(), std::io::Error::other(e))
                })?;
        }
        for (id, _, hash) in &theirs {
            self.folder.set_known_hash(id, *hash);
        }
        self.refresh_unsaved(ids);
        if !unsettled.is_empty() {
            return Err(SaveError::Unsettled(unsettled));
        }
        Ok(taken)
    }

    /// After a save: the files now hold these claims, which need no base until changed again.
    /// The bases kept in undo steps stay: undoing a merge after the save brings back the
    /// version from before the other side's change, and the next save merges it with the
    /// file again rather than take their change away.
    fn saved(&mut self, report: &SaveReport) {
        let done: BTreeSet<&ClaimId> = report.written.iter().chain(&report.removed).collect();
        for id in &done {
            self.bases.remove(*id);
        }
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            for id in &step.touched {
                if done.contains(id) {
                    step.saved.insert(id.clone());
                }
            }
        }
        self.unsaved.clear();
        self.end_merge();
    }

    /// Unsaved claims holding a conflict their file does not: fields a merge in this session
    /// (a save, crash recovery) found changed on both sides, not settled yet. Nothing is
    /// written until they are. A conflict a git merge left in the file may be saved as it is
    /// (it is already there), or settled field by field.
    pub fn unsettled(&self) -> Vec<ClaimId> {
        self.unsaved
            .iter()
            .filter(|id| self.is_unsettled(id))
            .cloned()
            .collect()
    }

    /// True when this claim is one of [`Session::unsettled`].
    pub fn is_unsettled(&self, id: &ClaimId) -> bool {
        self.unsaved.contains(id) && {
            let Some(conflict) = self.ws.get(id).and_then(|c| c.conflict.as_ref()) else {
                return false;
            };
            let known = self
                .bases
                .get(id)
                .and_then(|b| b.claim.as_ref())
                .and_then(|c| c.conflict.as_ref());
            // Settled as far as this session goes: the same field with the same other
            // value is already recorded in the file.
            conflict.fields.iter().any(|f| {
                known.is_none_or(|k| {
                    !k.fields.contains(f) || f.value(&k.theirs) != f.value(&conflict.theirs)
                })
            })
        }
    }

    /// Replaces these claims with their files' current content ("reload theirs"), as one
    /// undoable step, so the reviewer's version can still be had back with undo; a save after
    /// that undo merges the two versions instead of overwriting theirs.
    pub fn take_theirs(&mut self, ids: &[ClaimId]) -> Result<(), Diagnostic> {
        let mut steps = Vec::new();
        let mut new_bases = Vec::new();
        let mut hashes = Vec::new();
        for id in ids {
            let (claim, hash) = self.folder.read_current(id)?;
            match &claim {
                Some(claim) => steps.push(Edit::Restore(Box::new(claim.clone()))),
                None if self.ws.contains(id) => steps.push(Edit::Discard { id: id.clone() }),
                None => {}
            }
            new_bases.push((id.clone(), Base::file(claim, hash)));
            hashes.push((id, hash));
        }
        self.end_merge();
        let label = format!("Take the files' version ({} claims)", steps.len());
        self.apply_with_bases(Edit::Batch(steps), None, new_bases, Some(label))
            .map_err(|e| Diagnostic::error(self.folder.root(), (1, 1), e.to_string()))?;
        for (id, hash) in hashes {
            self.folder.set_known_hash(id, hash);
        }
        self.refresh_unsaved(ids);
        Ok(())
    }

    /// Takes in what changed on disk in the claim files `stems` (all of them when `None`):
    /// claims without unsaved changes are replaced by their files' content, new files come
    /// in, deleted ones go, and a file that no longer loads takes its claim out and is listed
    /// as broken. A claim with unsaved changes is left as it is: the next save merges it.
    /// None of this is an undo step: it is not this reviewer's change.
    pub fn reload(&mut self, stems: Option<Vec<String>>) -> Result<Reloaded, std::io::Error> {
        let stems = match stems {
            Some(stems) => stems,
            None => {
                let mut all = self.folder.list_stems()?;
                all.extend(self.ws.claims().map(|c| c.id.as_str().to_string()));
                all.extend(self.folder.broken_stems().map(str::to_string));
                all.sort_unstable();
                all.dedup();
                all
            }
        };
        if self.folder.manifest_changed() {
            // Files are checked against the vocabulary: with a new one, they are read again
            // with it when the workspace is opened again, not one by one against the old.
            return Ok(Reloaded {
                manifest_changed: true,
                ..Reloaded::default()
            });
        }
        let mut out = Reloaded::default();
        let mut touched = Vec::new();
        let mut looked = Vec::new();
        for stem in stems {
            let id = ClaimId::new(&stem).ok();
            let unsaved = id.as_ref().is_some_and(|id| self.unsaved.contains(id));
            let seen = self.folder.look(&stem, &self.ws.manifest);
            match &seen {
                // A file back to the bytes last read after it stopped loading loads again.
                OnDisk::Unchanged if self.folder.is_broken(&stem) => {
                    looked.push((stem.clone(), None));
                }
                OnDisk::Unchanged => {}
                OnDisk::Broken(diag) => looked.push((stem.clone(), Some(diag.clone()))),
                OnDisk::Changed(..) | OnDisk::Gone => looked.push((stem.clone(), None)),
            }
            match seen {
                OnDisk::Unchanged => {}
                // Kept here with its unsaved changes; no save writes it until it loads.
                OnDisk::Broken(_) if unsaved => out.broken.push(stem),
                _ if unsaved => out.waiting.extend(id),
                OnDisk::Changed(claim, hash) => {
                    let id = claim.id.clone();
                    self.folder.set_known_hash(&id, Some(hash));
                    self.bases.remove(&id);
                    match self.ws.insert(*claim) {
                        Some(_) => out.updated.push(id.clone()),
                        None => out.added.push(id.clone()),
                    }
                    touched.push(id);
                }
                OnDisk::Gone => {
                    let Some(id) = id else { continue };
                    self.folder.set_known_hash(&id, None);
                    self.bases.remove(&id);
                    if self.ws.remove(&id).is_some() {
                        out.removed.push(id.clone());
                        touched.push(id);
                    }
                }
                OnDisk::Broken(_) => {
                    if let Some(id) = id {
                        // Out until fixed, as when the workspace is opened with it broken.
                        self.folder.forget(&id);
                        self.bases.remove(&id);
                        if self.ws.remove(&id).is_some() {
                            touched.push(id);
                        }
                    }
                    out.broken.push(stem);
                }
            }
        }
        // A file that broke or loads again changes what the views show even when no claim
        // changed: a new generation tells them.
        let anything = !looked.is_empty();
        self.folder.took_in(looked, &self.ws);
        if anything {
            self.changed(&touched);
            self.forget_history_of(&touched);
        }
        Ok(out)
    }

    /// Drops the undo and redo steps about these claims: their inverses put back a whole
    /// claim as it was here, which would take away the change someone else made on disk.
    fn forget_history_of(&mut self, ids: &[ClaimId]) {
        let ids: BTreeSet<&ClaimId> = ids.iter().collect();
        for stack in [&mut self.undo, &mut self.redo] {
            stack.retain(|step| !step.touched.iter().any(|id| ids.contains(id)));
        }
    }

    /// Replaces the workspace's saved views and writes `workspace.ron` at once (views are the
    /// desk's, not a change to a claim: not an undo step). Nothing changes when the write
    /// fails.
    pub fn set_views(&mut self, views: Vec<crate::model::SavedView>) -> Result<(), SaveError> {
        let mut manifest = self.ws.manifest.clone();
        manifest.views = views;
        self.folder.save_manifest(&self.ws, &manifest)?;
        self.ws.manifest = manifest;
        self.changed(&[]);
        Ok(())
    }

    /// Adds a source document to the folder's `sources/` and to the open workspace at once
    /// (see [`Folder::add_source`]). Not an undo step: the files are written already.
    pub fn add_source(
        &mut self,
        source: &crate::store::NewSource,
    ) -> Result<crate::model::Document, SaveError> {
        let document = self.folder.add_source(source)?;
        self.ws.put_document(document.clone());
        self.changed(&[]);
        Ok(document)
    }

    /// A free id for a new source document, made from `stem` (a slug).
    pub fn free_source_id(&self, stem: &str) -> String {
        self.folder.free_source_id(&self.ws, stem)
    }

    /// A free id for a new claim, made from its text.
    pub fn free_id(&self, text: &str) -> ClaimId {
        self.folder.free_id(&self.ws, &crate::model::slugify(text))
    }
}

/// What a reload found on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reloaded {
    /// Claims whose files changed, taken in.
    pub updated: Vec<ClaimId>,
    /// Claims whose files are new.
    pub added: Vec<ClaimId>,
    /// Claims whose files were deleted, taken out.
    pub removed: Vec<ClaimId>,
    /// Files that no longer load (their claims are out until they are fixed).
    pub broken: Vec<String>,
    /// Claims with unsaved changes here whose files changed too: they stay as they are here
    /// and the next save merges them.
    pub waiting: Vec<ClaimId>,
    /// `workspace.ron` changed: the vocabulary may be different; open the workspace again.
    pub manifest_changed: bool,
}

impl Reloaded {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Reloaded::default()
    }
}

/// What merging one claim with its file gives.
enum Merge {
    /// Nothing to change here: the file already holds this side's content, or both sides
    /// deleted the claim.
    Same,
    /// This merged claim; `true` when some field changed on both sides (recorded in it).
    Into(Box<Claim>, bool),
    /// The other side deleted it and this side did not change it: delete it here too.
    Deleted,
    /// Deleted on one side and changed on the other: a person must choose.
    Apart,
}

/// The three-way merge of one claim, where either side may also have deleted it or (with no
/// base) created it. A claim created on both sides merges from an empty claim: every field
/// they both filled in differently is a conflict.
fn merge_claim(
    id: &ClaimId,
    base: Option<&Claim>,
    ours: Option<&Claim>,
    theirs: Option<&Claim>,
) -> Merge {
    match (ours, theirs) {
        (None, None) => Merge::Same,
        (Some(ours), None) if base == Some(ours) => Merge::Deleted,
        (None, Some(theirs)) if base == Some(theirs) => Merge::Same,
        (Some(_), None) | (None, Some(_)) => Merge::Apart,
        (Some(ours), Some(theirs)) => {
            let empty;
            let base = match base {
                Some(base) => base,
                None => {
                    empty = Claim::new(id.clone(), String::new(), String::new(), Status::new(""));
                    &empty
                }
            };
            let result = merge::merge(base, ours, theirs);
            let conflicts = !result.conflicts.is_empty();
            // A conflict a git merge left is kept until settled, on whichever side settled it.
            let earlier = if ours.conflict != base.conflict {
                ours.conflict.clone()
            } else {
                theirs.conflict.clone()
            };
            let mut claim = result.recorded(theirs);
            match (claim.conflict.as_mut(), earlier) {
                (Some(now), Some(earlier)) => {
                    for field in earlier.fields {
                        if !now.fields.contains(&field) {
                            field.take(&mut now.theirs, &earlier.theirs);
                            now.fields.push(field);
                        }
                    }
                    now.fields.sort();
                }
                (None, earlier) => claim.conflict = earlier,
                (Some(_), None) => {}
            }
            Merge::Into(Box::new(claim), conflicts)
        }
    }
}

#[cfg(test)]
mod tests;
