//! What a run stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP leaves behind:
//! nothing of its own making. Whatever is in flight registers how to undo
//! it ([`on_interrupt`]): a temporary file to remove, a worker process to
//! stop and its temporary files to remove. The handler ([`install`]) runs
//! those actions and ends the process with exit code 130.
//!
//! Outside the pipeline, like [`output`](crate::output): the writers and the
//! batch's worker pool register here; the commands install the handler.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// The exit code of a run that was stopped: 128 + SIGINT, as shells report it.
pub const EXIT_CODE: i32 = 130;

/// An action that undoes something in flight.
type Action = Box<dyn FnOnce() + Send>;

/// The actions in flight and whether the handler has begun.
pub struct Registry {
    /// The actions registered and not yet dropped, by registration number.
    actions: Mutex<BTreeMap<u64, Action>>,
    /// The next registration number.
    next: AtomicU64,
    /// Whether the handler has begun: no new action waits after that.
    interrupted: AtomicBool,
}

/// The process's registry.
static REGISTRY: Registry = Registry::new();

/// Keeps an action registered; dropping it unregisters the action (the
/// thing it would undo is finished, or undone by its owner).
#[must_use = "the action is unregistered when this is dropped"]
pub struct Registration {
    registry: &'static Registry,
    id: Option<u64>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            self.registry.actions().remove(&id);
        }
    }
}

impl Registry {
    const fn new() -> Registry {
        Registry {
            actions: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(0),
            interrupted: AtomicBool::new(false),
        }
    }

    fn actions(&self) -> MutexGuard<'_, BTreeMap<u64, Action>> {
        // Actions run after the lock is released, so a poisoned lock still
        // holds a consistent map.
        self.actions.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn register(&'static self, action: Action) -> Registration {
        let mut map = self.actions();
        if self.interrupted.load(Ordering::SeqCst) {
            drop(map);
            action();
            return Registration {
                registry: self,
                id: None,
            };
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        map.insert(id, action);
        Registration {
            registry: self,
            id: Some(id),
        }
    }

    fn run(&self) -> usize {
        let pending = {
            let mut map = self.actions();
            self.interrupted.store(true, Ordering::SeqCst);
            std::mem::take(&mut *map)
        };
        let n = pending.len();
        for (_, action) in pending.into_iter().rev() {
            action();
        }
        n
    }
}

/// Registers `action` to run if the process is interrupted before the
/// returned [`Registration`] is dropped. If the process is being
/// interrupted already, `action` runs now.
pub fn on_interrupt(action: impl FnOnce() + Send + 'static) -> Registration {
    REGISTRY.register(Box::new(action))
}

/// Whether the process is being interrupted: work that would start
/// something new (a worker process) should not.
pub fn interrupted() -> bool {
    REGISTRY.interrupted.load(Ordering::SeqCst)
}

/// Undoes what is in flight, as the handler does, and ends the process with
/// `code`: for a run stopped from inside (a report past its time limit).
pub fn undo_and_exit(code: i32) -> ! {
    REGISTRY.run();
    std::process::exit(code)
}

/// Installs the handler for Ctrl-C, SIGTERM and SIGHUP: it runs every
/// registered action, newest first, and ends the process with
/// [`EXIT_CODE`]. A second call, or a handler that cannot be installed,
/// leaves things as they are: the run goes on, only without the clean-up.
#[cfg(feature = "pdf")]
pub fn install() {
    let _ = ctrlc::set_handler(|| undo_and_exit(EXIT_CODE));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn dropped_registrations_do_not_run_and_late_ones_run_at_once() {
        let registry: &'static Registry = Box::leak(Box::new(Registry::new()));
        let ran = Arc::new(AtomicUsize::new(0));
        let count = |ran: &Arc<AtomicUsize>| -> Action {
            let ran = Arc::clone(ran);
            Box::new(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            })
        };
        let kept = registry.register(count(&ran));
        drop(registry.register(count(&ran)));
        assert_eq!(ran.load(Ordering::SeqCst), 0);
        assert_eq!(registry.run(), 1, "only the kept one is left to run");
        assert_eq!(ran.load(Ordering::SeqCst), 1);
        drop(kept);
        let _late = registry.register(count(&ran));
        assert_eq!(ran.load(Ordering::SeqCst), 2, "ran at once");
        assert!(registry.interrupted.load(Ordering::SeqCst));
    }
}
