//! Reading ahead: the loader runs on a thread of its own and hands events
//! over through a channel, so that a worker never waits for the disk. Read
//! inside the workers' shared iterator, a file that was not in the page
//! cache held up every worker behind it (on a 1 GB corpus a tenth of the
//! build was spent so). What is read but not yet taken is bounded in bytes,
//! so a slow pipeline does not pull the corpus into memory.

use super::Event;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Bytes of documents read but not yet taken, above which the reader
/// waits (one document is always let through, whatever its size).
pub const READ_AHEAD_BYTES: usize = 8 << 20;

/// Runs `consume` on the events of `events`, read on another thread at
/// most `limit` bytes ahead. Events come in the order `events` gives them.
pub fn read_ahead<I, R>(events: I, limit: usize, consume: impl FnOnce(Ahead<'_>) -> R) -> R
where
    I: Iterator<Item = Event> + Send,
{
    let budget = Budget {
        state: Mutex::new((0, false)),
        freed: Condvar::new(),
    };
    let (tx, rx) = mpsc::channel::<(Event, usize)>();
    std::thread::scope(|s| {
        let budget = &budget;
        s.spawn(move || {
            for ev in events {
                let n = match &ev {
                    Event::Document(d) => d.text.len(),
                    Event::Notice(_) => 0,
                };
                if !budget.take(n, limit) || tx.send((ev, n)).is_err() {
                    break;
                }
            }
        });
        consume(Ahead { rx, budget })
    })
}

/// Bytes in flight and whether the consumer is gone.
struct Budget {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `n` more bytes fit; false when the consumer is gone.
    fn take(&self, n: usize, limit: usize) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !st.1 && st.0 > 0 && st.0.saturating_add(n) > limit {
            st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        st.0 += n;
        !st.1
    }

    fn give_back(&self, n: usize) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 = st.0.saturating_sub(n);
        self.freed.notify_one();
    }

    fn close(&self) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.1 = true;
        self.freed.notify_all();
    }
}

/// The events as they arrive; dropping it stops the reader.
pub struct Ahead<'a> {
    rx: mpsc::Receiver<(Event, usize)>,
    budget: &'a Budget,
}

impl Iterator for Ahead<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        let (ev, n) = self.rx.recv().ok()?;
        self.budget.give_back(n);
        Some(ev)
    }
}

impl Drop for Ahead<'_> {
    fn drop(&mut self) {
        // A consumer that stops early (or unwinds) must not leave the
        // reader waiting for room forever: the scope would never end.
        self.budget.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn doc(i: usize, len: usize) -> Event {
        Event::Document(Document::new(format!("d{i}"), "x".repeat(len)))
    }

    #[test]
    fn every_event_arrives_in_order() {
        let events: Vec<Event> = (0..200).map(|i| doc(i, 1000 + i)).collect();
        let got: Vec<usize> = read_ahead(events.into_iter(), 10_000, |it| {
            it.map(|ev| match ev {
                Event::Document(d) => d.text.len(),
                Event::Notice(_) => 0,
            })
            .collect()
        });
        assert_eq!(got, (0..200).map(|i| 1000 + i).collect::<Vec<_>>());
    }

    #[test]
    fn a_document_larger_than_the_budget_still_passes() {
        let events = vec![doc(0, 50), doc(1, 5000), doc(2, 50)];
        let n = read_ahead(events.into_iter(), 100, |it| it.count());
        assert_eq!(n, 3);
    }

    #[test]
    fn a_consumer_that_stops_early_ends_the_reader() {
        // An endless source: the scope only ends if the reader stops.
        let events = (0..).map(|i| doc(i, 100));
        let first = read_ahead(events, 1000, |mut it| it.next().is_some());
        assert!(first);
    }
}
