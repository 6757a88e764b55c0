//! The allocator the binary and the benchmark run on: mimalloc.
//!
//! Typst allocates many small, short-lived objects; glibc's allocator spent
//! about 13 % of a batch (docs/performance.md). mimalloc is a drop-in. Its
//! defaults keep memory: with transparent huge pages (off with the crate's
//! `no_thp` feature) a batch's peak RSS was 190 MB, and without setting the
//! purge delay ([`tune`]) 135 MB, against 92 MB with both, for no measurable
//! speed. (A delay of 0 cost twice the system time for no less memory.)
//!
//! Each binary declares the global allocator itself, so that the library's
//! tests keep the system allocator:
//!
//! ```text
//! #[global_allocator]
//! static GLOBAL: jobcenterindblik::alloc::Allocator = jobcenterindblik::alloc::Allocator;
//! ```
//!
//! [`Allocator`] is mimalloc with one addition: running out of memory ends
//! the process with a message and exit code 1 instead of Rust's abort (exit
//! 134 and a backtrace), and the message names what ran out: the template
//! (below), or the system while reading the data ([`reading_data`]), while
//! laying out, or otherwise. While a template is being laid out, one allocation
//! above [`TEMPLATE_ALLOCATION_LIMIT`] counts as running out: a report needs
//! nothing near it, and a template loop that doubles a string or an array
//! reaches it long before it exhausts the machine.

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use mimalloc::MiMalloc;

/// The largest single allocation a template may make while it is laid out.
pub const TEMPLATE_ALLOCATION_LIMIT: usize = 512 << 20;

/// mimalloc, ending the process cleanly when memory runs out.
pub struct Allocator;

// SAFETY: every method forwards to MiMalloc with the same arguments and only
// adds checks that end the process; nothing is allocated or freed otherwise.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: as the caller promised for `layout`.
        let p = unsafe { MiMalloc.alloc(layout) };
        if p.is_null() {
            system_out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: as the caller promised for `layout`.
        let p = unsafe { MiMalloc.alloc_zeroed(layout) };
        if p.is_null() {
            system_out_of_memory(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as the caller promised for `ptr` and `layout`.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check(new_size);
        // SAFETY: as the caller promised for `ptr`, `layout` and `new_size`.
        let p = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if p.is_null() {
            system_out_of_memory(new_size);
        }
        p
    }
}

/// Ends the process if a template asks for more than it may at once. The
/// size is compared first, so ordinary allocations cost one comparison.
#[inline]
fn check(size: usize) {
    if size > TEMPLATE_ALLOCATION_LIMIT && crate::pdf::gate::laying_out() {
        template_out_of_memory(size);
    }
}

/// Whether the extracts are being read (see [`reading_data`]).
static READING_DATA: AtomicUsize = AtomicUsize::new(0);

/// Runs `read` as the reading of the extracts: memory that runs out
/// meanwhile is named for the data.
pub fn reading_data<R>(read: impl FnOnce() -> R) -> R {
    READING_DATA.fetch_add(1, Ordering::Relaxed);
    let r = read();
    READING_DATA.fetch_sub(1, Ordering::Relaxed);
    r
}

/// The template asked for more than it may at once: its own fault.
#[cold]
fn template_out_of_memory(size: usize) -> ! {
    let _ = writeln!(
        std::io::stderr().lock(),
        "error: the report template ran out of memory: it asked for {size} bytes at once\nhint: look in the template for a loop or a recursion that makes a string, an array or a dictionary grow without end"
    );
    std::process::exit(1)
}

/// The system has no memory left for an allocation: says what the program
/// was doing (reading the data, laying out a report, anything else) and
/// exits with code 1. Nothing here allocates (formatting a number into a
/// locked standard error does not).
#[cold]
fn system_out_of_memory(size: usize) -> ! {
    let mut err = std::io::stderr().lock();
    let doing = if READING_DATA.load(Ordering::Relaxed) > 0 {
        "while reading the extracts; they may be larger than this machine can hold"
    } else if crate::pdf::gate::laying_out() {
        "while laying out a report"
    } else {
        "while computing"
    };
    let _ = writeln!(
        err,
        "error: the system ran out of memory {doing} (an allocation of {size} bytes failed)\nhint: close other programs, or use a machine with more memory (a batch: fewer workers)"
    );
    std::process::exit(1)
}

/// The most memory the process has held so far, in kB: Linux's `VmHWM`;
/// `None` where the system does not tell.
pub fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// `mi_option_purge_delay` in mimalloc.h (v2, which libmimalloc-sys builds).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets mimalloc's options; call it first thing in `main`.
pub fn tune() {
    // SAFETY: mi_option_set only stores an option's value (here: return freed
    // memory to the system after 10 ms); it is safe to call at any time, and
    // the option exists in the mimalloc version built.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}
