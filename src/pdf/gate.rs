//! Whether a template is being laid out or exported: while one is, the
//! allocator treats one huge allocation as the template running out of
//! memory (`crate::alloc`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many layouts or exports are running, on any thread.
static LAYING_OUT: AtomicUsize = AtomicUsize::new(0);

/// Whether a template is being laid out or exported anywhere in the process
/// (the allocator's limit on a single allocation applies then).
pub fn laying_out() -> bool {
    LAYING_OUT.load(Ordering::Relaxed) > 0
}

/// Counts a layout or export while it runs.
pub(crate) struct LayingOut;

impl LayingOut {
    pub(crate) fn start() -> LayingOut {
        LAYING_OUT.fetch_add(1, Ordering::Relaxed);
        LayingOut
    }
}

impl Drop for LayingOut {
    fn drop(&mut self) {
        LAYING_OUT.fetch_sub(1, Ordering::Relaxed);
    }
}
