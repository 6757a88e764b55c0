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
//! static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
//! ```

/// `mi_option_purge_delay` in mimalloc.h (v2, which libmimalloc-sys builds).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets mimalloc's options; call it first thing in `main`.
pub fn tune() {
    // SAFETY: mi_option_set only stores an option's value (here: return freed
    // memory to the system after 10 ms); it is safe to call at any time, and
    // the option exists in the mimalloc version built.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}
