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
        state: Mutex::new(State::default()),
        freed: Condvar::new(),
        limit,
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
                if !budget.take(n) || tx.send((ev, n)).is_err() {
                    break;
                }
            }
        });
        consume(Ahead { rx, budget })
    })
}

/// Bytes read and not yet taken, up to a limit. A full reader sleeps
/// until the workers have taken half of it, and is woken only then: woken
/// for every document taken (the pipeline is slower than the disk, so the
/// budget is full nearly all the time), it read one document and slept
/// again, a switch of threads per document on a machine with a core per
/// worker.
struct Budget {
    state: Mutex<State>,
    freed: Condvar,
    limit: usize,
}

#[derive(Default)]
struct State {
    in_flight: usize,
    /// The consumer is gone.
    closed: bool,
    /// The reader sleeps until `in_flight` is down to half the limit.
    waiting: bool,
}

impl Budget {
    /// Waits until `n` more bytes fit; false when the consumer is gone.
    /// One document is always let through, whatever its size.
    fn take(&self, n: usize) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let full = |st: &State| st.in_flight > 0 && st.in_flight.saturating_add(n) > self.limit;
        if !st.closed && full(&st) {
            st.waiting = true;
            while !st.closed && (full(&st) || st.in_flight > self.limit / 2) {
                st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
            }
            st.waiting = false;
        }
        st.in_flight += n;
        !st.closed
    }

    fn give_back(&self, n: usize) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.in_flight = st.in_flight.saturating_sub(n);
        if st.waiting && st.in_flight <= self.limit / 2 {
            self.freed.notify_one();
        }
    }

    fn close(&self) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.closed = true;
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
    fn a_full_reader_sleeps_until_half_the_budget_is_taken() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::time::{Duration, Instant};
        let pulled = AtomicUsize::new(0);
        let events = (0..100).map(|i| {
            pulled.fetch_add(1, Ordering::SeqCst);
            doc(i, 100)
        });
        let wait_for = |n: usize| {
            let start = Instant::now();
            while pulled.load(Ordering::SeqCst) < n && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(1));
            }
            pulled.load(Ordering::SeqCst)
        };
        read_ahead(events, 1000, |mut it| {
            // Ten documents fill the budget; the eleventh waits for room.
            assert_eq!(wait_for(11), 11);
            it.next();
            std::thread::sleep(Duration::from_millis(50));
            assert_eq!(
                pulled.load(Ordering::SeqCst),
                11,
                "woken before half was taken"
            );
            for _ in 0..4 {
                it.next();
            }
            // Half taken: the reader fills the budget again at one go.
            assert_eq!(wait_for(16), 16);
            it.count()
        });
    }

    #[test]
    fn a_consumer_that_stops_early_ends_the_reader() {
        // An endless source: the scope only ends if the reader stops.
        let events = (0..).map(|i| doc(i, 100));
        let first = read_ahead(events, 1000, |mut it| it.next().is_some());
        assert!(first);
    }
}
