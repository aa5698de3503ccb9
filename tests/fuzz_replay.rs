//! The fuzz corpora, replayed by `npm test`: every file in fuzz/seeds/<target>/ (and in
//! fuzz/corpus/<target>/, libFuzzer's git-ignored finds, when present) runs through the
//! same checks as the fuzz targets. Those checks live once, in fuzz/src/lib.rs, compiled
//! here as a module: the fuzz crate has its own workspace, so without this file an API
//! change could break them unseen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

// The fuzz targets' checks, the one copy (fuzz/src/lib.rs).
#[cfg(not(target_arch = "wasm32"))]
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

// Reads files: native only (the `native_only` module is how npm test tells native-only
// tests apart when it compares native and wasm32 test counts).
#[cfg(not(target_arch = "wasm32"))]
mod native_only {
    use std::fs;
    use std::path::{Path, PathBuf};

    use super::fuzz_checks::{self, run_target, TARGETS};

    const FUZZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

    /// The files of `dir`, sorted; none when it does not exist.
    fn files(dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
        let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        out.sort();
        out
    }

    /// Runs every seed and corpus file of `target`; returns how many seeds there were.
    fn replay(target: &str) -> usize {
        let seeds = files(&Path::new(FUZZ).join("seeds").join(target));
        let corpus = files(&Path::new(FUZZ).join("corpus").join(target));
        for file in seeds.iter().chain(&corpus) {
            let data = fs::read(file).unwrap();
            // A failing check panics inside; name the file it came from.
            let outcome = std::panic::catch_unwind(|| run_target(target, &data));
            assert!(outcome.is_ok(), "{target}: {} fails its fuzz checks", file.display());
        }
        seeds.len()
    }

    #[test]
    fn every_fuzz_target_is_replayed_and_has_seeds() {
        let mut names: Vec<String> = files(&Path::new(FUZZ).join("fuzz_targets"))
            .iter()
            .filter_map(|p| Some(p.file_name()?.to_str()?.strip_suffix(".rs")?.to_owned()))
            .collect();
        names.sort();
        assert_eq!(names, TARGETS, "fuzz/fuzz_targets/ and fuzz/src/lib.rs TARGETS differ");
        let manifest = fs::read_to_string(Path::new(FUZZ).join("Cargo.toml")).unwrap();
        for target in TARGETS {
            assert!(manifest.contains(&format!("name = \"{target}\"")), "{target} is not a [[bin]] of fuzz/Cargo.toml");
            assert!(!files(&Path::new(FUZZ).join("seeds").join(target)).is_empty(), "no seeds for {target}");
        }
    }

    #[test]
    fn seeds_of_the_operation_targets_pass_their_checks() {
        for target in TARGETS.iter().filter(|t| **t != "json_reader") {
            assert!(replay(target) > 0, "{target}");
        }
    }

    #[test]
    fn seeds_of_the_json_reader_target_pass_its_checks() {
        assert!(replay("json_reader") > 0);
    }

    /// The parity check with serde_json skips an input only for a number near the largest
    /// double that the two readers judge differently, and fails on any other disagreement.
    #[test]
    fn json_reader_parity_skips_only_numbers_near_the_largest_double() {
        // Compared: texts the old blanket skip ("e3" anywhere, or over 300 bytes) left out.
        for text in [
            "[1e3, 2E30, 3e300, 1e308]".to_owned(),
            format!("[{}]", "1,".repeat(400) + "1"),
            format!("{{\"k\":\"{}\"}}", "e3".repeat(200)),
            "[1e400, -1e309, 1e-400]".to_owned(),
            format!("{}{}", "[".repeat(150), "]".repeat(150)),
            format!("[{}]", "9".repeat(308)),
        ] {
            assert!(!fuzz_checks::numbers_judged_differently(&text), "{text}");
            run_target("json_reader", text.as_bytes());
        }
        // Near the largest double they do differ: JS (and the crate) read
        // 1.7976931348623158e308 as the largest double; serde_json's inexact parse
        // overflows to infinity and refuses it.
        for edge in ["[1.7976931348623158e308]", "{\"k\":-179769313486231570000000000000000e276}"] {
            assert!(fuzz_checks::numbers_judged_differently(edge), "{edge}");
            run_target("json_reader", edge.as_bytes());
        }
    }
}
