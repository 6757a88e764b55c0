//! The fixture generator is tested code: it must reproduce the shipped
//! fixtures byte for byte (and it checks the seed figures itself).

#[path = "../examples/generate_fixtures.rs"]
#[allow(dead_code)]
mod generate_fixtures;

use crate::util::{EXTRACTS, fixtures_dir};

#[test]
fn the_generator_reproduces_the_fixtures_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    generate_fixtures::write_fixtures(dir.path());
    for name in EXTRACTS {
        let ours = std::fs::read(dir.path().join(name)).unwrap();
        let shipped = std::fs::read(fixtures_dir().join(name)).unwrap();
        assert!(
            ours == shipped,
            "{name} differs from fixtures/jobindsats/{name}: run `cargo run --release --example generate_fixtures` and review the change"
        );
    }
}
