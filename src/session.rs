//! An open workspace as a reviewer works on it: the folder, the claims, undo and redo, and
//! which claims are unsaved. The window drives one of these; it has no GUI in it, so it is
//! tested on its own.

use crate::edit::{self, Edit, EditError};
use crate::model::{ClaimId, Workspace};
use crate::store::{Diagnostic, Folder, OpenError, SaveError, SaveOptions, SaveReport};
use std::collections::BTreeSet;
use std::path::Path;

/// One undoable step.
#[derive(Debug)]
struct Step {
    inverse: Edit,
    touched: Vec<ClaimId>,
    /// Steps with the same key in a row merge into one (typing in one field).
    merge_key: Option<MergeKey>,
}

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
    /// Claims whose file someone else changed and whose version here was replaced by theirs
    /// ("reload theirs"): until a save settles them, writing this side's version over theirs
    /// asks again, even after undo brought this side's version back.
    contested: BTreeSet<ClaimId>,
}

/// How many changes [`Session::changed_since`] remembers.
const RECENT_CHANGES: usize = 64;

impl Session {
    /// Opens the workspace in `dir`.
    pub fn open(dir: &Path) -> Result<Self, OpenError> {
        let (folder, ws) = Folder::open(dir)?;
        Ok(Self {
            folder,
            ws,
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: BTreeSet::new(),
            generation: 0,
            recent: std::collections::VecDeque::new(),
            contested: BTreeSet::new(),
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
    }

    /// True when some claim differs from its file.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.unsaved.is_empty()
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
        let applied = edit::apply(&mut self.ws, edit)?;
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
                inverse: applied.inverse,
                touched: applied.touched,
                merge_key,
            }),
        }
        Ok(())
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

    /// Undoes the last step; returns the claims it touched.
    pub fn undo(&mut self) -> Option<Vec<ClaimId>> {
        let step = self.undo.pop()?;
        let back = self.replay(step);
        let touched = back.touched.clone();
        self.redo.push(back);
        Some(touched)
    }

    /// Redoes the last undone step; returns the claims it touched.
    pub fn redo(&mut self) -> Option<Vec<ClaimId>> {
        let step = self.redo.pop()?;
        let back = self.replay(step);
        let touched = back.touched.clone();
        self.undo.push(back);
        Some(touched)
    }

    fn replay(&mut self, step: Step) -> Step {
        let applied = edit::apply(&mut self.ws, step.inverse)
            .expect("an inverse applies to the state it was made for");
        self.changed(&step.touched);
        self.refresh_unsaved(&step.touched);
        Step {
            inverse: applied.inverse,
            touched: step.touched,
            merge_key: None,
        }
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

    /// Writes the unsaved claims. On [`SaveError::ChangedOnDisk`] nothing is written: ask the
    /// reviewer, then [`Session::take_theirs`] or save again with those ids in `overwrite`.
    pub fn save(&mut self, options: &SaveOptions) -> Result<SaveReport, SaveError> {
        let ask: Vec<ClaimId> = self
            .contested
            .intersection(&self.unsaved)
            .filter(|id| !options.overwrite.contains(*id))
            .cloned()
            .collect();
        if !ask.is_empty() {
            return Err(SaveError::ChangedOnDisk(ask));
        }
        let report = self.folder.save(&self.ws, &self.unsaved, options)?;
        for id in report.written.iter().chain(&report.removed) {
            self.contested.remove(id);
        }
        self.unsaved.clear();
        self.end_merge();
        Ok(report)
    }

    /// Replaces these claims with their files' current content ("reload theirs"), as one
    /// undoable step, so the reviewer's version can still be had back with undo.
    pub fn take_theirs(&mut self, ids: &[ClaimId]) -> Result<(), Diagnostic> {
        let mut steps = Vec::new();
        for id in ids {
            match self.folder.reread(id)? {
                Some(claim) => steps.push(Edit::Restore(Box::new(claim))),
                None if self.ws.contains(id) => steps.push(Edit::Discard { id: id.clone() }),
                None => {}
            }
        }
        self.apply(Edit::Batch(steps))
            .map_err(|e| Diagnostic::error(self.folder.root(), (1, 1), e.to_string()))?;
        self.end_merge();
        self.contested.extend(ids.iter().cloned());
        Ok(())
    }

    /// A free id for a new claim, made from its text.
    pub fn free_id(&self, text: &str) -> ClaimId {
        self.folder.free_id(&self.ws, &crate::model::slugify(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use std::fs;

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("w");
        Folder::create(&root, &crate::generate::workspace(20, 3)).unwrap();
        let s = Session::open(&root).unwrap();
        (dir, s)
    }

    fn id(s: &str) -> ClaimId {
        ClaimId::new(s).unwrap()
    }

    fn set_text(s: &mut Session, text: &str) {
        s.apply_merging(
            Edit::SetText {
                id: id("c000001"),
                text: text.into(),
            },
            MergeKey::Text(id("c000001")),
        )
        .unwrap();
    }

    #[test]
    fn typing_is_one_undo_step_and_undo_clears_unsaved() {
        let (_dir, mut s) = session();
        let original = s.workspace().get(&id("c000001")).unwrap().text.clone();
        for text in ["N", "Ne", "New", "New text"] {
            set_text(&mut s, text);
        }
        assert!(s.is_unsaved(&id("c000001")));
        s.undo().unwrap();
        assert_eq!(s.workspace().get(&id("c000001")).unwrap().text, original);
        assert!(!s.can_undo());
        assert!(!s.has_unsaved_changes(), "back to the file's content");
        s.redo().unwrap();
        assert_eq!(s.workspace().get(&id("c000001")).unwrap().text, "New text");
        assert!(s.has_unsaved_changes());
    }

    #[test]
    fn changes_are_told_since_a_generation() {
        let (_dir, mut s) = session();
        let g0 = s.generation();
        set_text(&mut s, "a");
        let g1 = s.generation();
        s.apply(Edit::AddTag {
            id: id("c000002"),
            tag: "t".into(),
        })
        .unwrap();
        assert_eq!(
            s.changed_since(g0),
            Some(vec![id("c000001"), id("c000002")])
        );
        assert_eq!(s.changed_since(g1), Some(vec![id("c000002")]));
        assert_eq!(s.changed_since(s.generation()), Some(vec![]));
        for i in 0..RECENT_CHANGES {
            set_text(&mut s, &format!("text {i}"));
        }
        assert_eq!(s.changed_since(g0), None, "too long ago");
        s.undo();
        assert_eq!(
            s.changed_since(s.generation() - 1),
            Some(vec![id("c000001")])
        );
    }

    #[test]
    fn end_merge_starts_a_new_step() {
        let (_dir, mut s) = session();
        set_text(&mut s, "first");
        s.end_merge();
        set_text(&mut s, "second");
        s.undo().unwrap();
        assert_eq!(s.workspace().get(&id("c000001")).unwrap().text, "first");
    }

    #[test]
    fn save_writes_unsaved_claims_and_a_new_edit_clears_redo() {
        let (_dir, mut s) = session();
        let status = Status::new("false");
        let current = s.workspace().get(&id("c000002")).unwrap().status.clone();
        let target = if current == status {
            Status::new("confirmed")
        } else {
            status
        };
        s.apply(Edit::SetStatus {
            id: id("c000002"),
            status: target.clone(),
            by: "t".into(),
            time: "2024-01-01T00:00:00Z".parse().unwrap(),
            reason: String::new(),
        })
        .unwrap();
        let report = s.save(&SaveOptions::default()).unwrap();
        assert_eq!(report.written, [id("c000002")]);
        assert!(!s.has_unsaved_changes());
        let text = fs::read_to_string(s.folder().path_of(&id("c000002"))).unwrap();
        assert!(text.contains(&format!("status: \"{target}\"")));
        s.undo().unwrap();
        assert!(
            s.has_unsaved_changes(),
            "undo after a save differs from the file"
        );
        set_text(&mut s, "x");
        assert!(!s.can_redo());
    }

    #[test]
    fn theirs_can_be_taken_and_undone() {
        let (_dir, mut s) = session();
        set_text(&mut s, "mine");
        let path = s.folder().path_of(&id("c000001"));
        let theirs = fs::read_to_string(&path)
            .unwrap()
            .replacen("text: \"", "text: \"THEIRS ", 1);
        fs::write(&path, &theirs).unwrap();
        assert!(matches!(
            s.save(&SaveOptions::default()),
            Err(SaveError::ChangedOnDisk(_))
        ));
        s.take_theirs(&[id("c000001")]).unwrap();
        assert!(
            s.workspace()
                .get(&id("c000001"))
                .unwrap()
                .text
                .starts_with("THEIRS ")
        );
        assert!(!s.has_unsaved_changes());
        s.undo().unwrap();
        assert_eq!(s.workspace().get(&id("c000001")).unwrap().text, "mine");
        // Undo brought mine back over theirs: saving it asks again, it never overwrites
        // their change without that choice.
        assert!(s.has_unsaved_changes());
        assert!(matches!(
            s.save(&SaveOptions::default()),
            Err(SaveError::ChangedOnDisk(ids)) if ids == [id("c000001")]
        ));
        assert!(fs::read_to_string(&path).unwrap().contains("THEIRS "));
        let keep_mine = SaveOptions {
            overwrite: [id("c000001")].into_iter().collect(),
        };
        s.save(&keep_mine).unwrap();
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .contains("text: \"mine\"")
        );
    }
}
