//! A list of variable-length runs kept end to end in one buffer: the search index's folded
//! text and tag numbers, one run per claim. One allocation for all claims, where a boxed
//! slice per claim costs a pointer pair and an allocation (about 40 bytes a claim) each.

/// Runs of `T`, numbered from 0, stored contiguously.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Spans<T> {
    items: Vec<T>,
    /// Where each run starts in `items`; one more entry marks the end of the last.
    starts: Vec<usize>,
}

impl<T: Copy> Spans<T> {
    /// Room for `runs` runs of `items` items in all.
    pub(crate) fn with_capacity(runs: usize, items: usize) -> Self {
        let mut starts = Vec::with_capacity(runs + 1);
        starts.push(0);
        let mut buffer = Vec::new();
        // Exact: grown by doubling, a 30 MB buffer is copied a dozen times with both copies
        // alive at the peak.
        buffer.reserve_exact(items);
        Self {
            items: buffer,
            starts,
        }
    }

    /// How many runs.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Run `i`.
    pub(crate) fn get(&self, i: usize) -> &[T] {
        &self.items[self.starts[i]..self.starts[i + 1]]
    }

    /// Every item, runs end to end.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    /// Where run `i` starts in [`Spans::items`]; `start(len())` is the end of the last run.
    pub(crate) fn start(&self, i: usize) -> usize {
        self.starts[i]
    }

    /// Adds a run after the last.
    pub(crate) fn push(&mut self, run: impl IntoIterator<Item = T>) {
        self.items.extend(run);
        self.starts.push(self.items.len());
    }

    /// Puts `run` in place of run `i`, moving the runs after it: linear in what follows.
    pub(crate) fn replace(&mut self, i: usize, run: impl IntoIterator<Item = T>) {
        let (start, end) = (self.starts[i], self.starts[i + 1]);
        let before = self.items.len();
        self.items.splice(start..end, run);
        let after = self.items.len();
        // A run of the same length (a status or tag edit) moves nothing after it.
        if after != before {
            for s in &mut self.starts[i + 1..] {
                *s = *s + after - before;
            }
        }
    }

    /// Adds `run` as run `i`, numbering the runs from `i` on one higher.
    pub(crate) fn insert(&mut self, i: usize, run: impl IntoIterator<Item = T>) {
        self.starts.insert(i, self.starts[i]);
        self.replace(i, run);
    }

    /// Removes run `i`, numbering the runs after it one lower.
    pub(crate) fn remove(&mut self, i: usize) {
        self.replace(i, []);
        self.starts.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::Spans;

    fn runs(s: &Spans<u8>) -> Vec<Vec<u8>> {
        (0..s.len()).map(|i| s.get(i).to_vec()).collect()
    }

    #[test]
    fn runs_are_replaced_inserted_and_removed_in_place() {
        let mut s = Spans::with_capacity(3, 6);
        s.push(*b"ab");
        s.push([]);
        s.push(*b"cde");
        assert_eq!(runs(&s), [b"ab".to_vec(), vec![], b"cde".to_vec()]);
        assert_eq!(s.items(), b"abcde");
        s.replace(0, *b"x");
        s.replace(1, *b"yyyy");
        assert_eq!(runs(&s), [b"x".to_vec(), b"yyyy".to_vec(), b"cde".to_vec()]);
        s.insert(1, *b"new");
        s.insert(4, *b"end");
        assert_eq!(s.start(1), 1);
        assert_eq!(
            runs(&s),
            [
                b"x".to_vec(),
                b"new".to_vec(),
                b"yyyy".to_vec(),
                b"cde".to_vec(),
                b"end".to_vec()
            ]
        );
        s.remove(2);
        s.remove(0);
        assert_eq!(
            runs(&s),
            [b"new".to_vec(), b"cde".to_vec(), b"end".to_vec()]
        );
        assert_eq!(s.start(s.len()), s.items().len());
    }
}
