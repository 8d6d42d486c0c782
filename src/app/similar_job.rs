//! Building the similar-claims matcher on another thread: at 100,000 claims it takes a couple
//! of seconds, which the claim view's "Similar claims" section must not freeze the window
//! for. The claims' texts are copied once, the matcher is built from the copy, and the
//! session adopts it with the generation of the copy (changes made meanwhile are taken in
//! by the session's next use of it).

use crate::model::SimilarIndex;
use crate::session::Session;
use std::sync::mpsc;

/// A matcher being built.
pub struct SimilarJob {
    generation: u64,
    done: mpsc::Receiver<SimilarIndex>,
}

impl SimilarJob {
    /// Starts building the matcher of `session`'s claims as they are now.
    pub fn start(session: &Session) -> Option<Self> {
        let texts: Vec<_> = session
            .workspace()
            .claims()
            .map(|c| (c.id.clone(), c.text.clone()))
            .collect();
        let (send, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("similar claims".into())
            .spawn(move || {
                let index =
                    SimilarIndex::from_texts(texts.iter().map(|(id, t)| (id.clone(), &**t)));
                let _ = send.send(index);
            })
            .ok()?;
        Some(Self {
            generation: session.generation(),
            done,
        })
    }

    /// Hands the matcher to `session` once built; true when the job is over (built, or its
    /// thread gone).
    pub fn poll(&self, session: &Session) -> bool {
        match self.done.try_recv() {
            Ok(index) => {
                session.adopt_similar(self.generation, index);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => true,
        }
    }
}
