//! The house rules of `src/`, read from the source so they cannot silently lapse:
//! - a vendor is a folder `src/<vendor>/mod.rs`, listed once in `src/registry.rs`;
//! - the kernel (every other module but `lib`, `registry`, `boundary` and `wasm`) never
//!   imports a vendor, the registry, the boundary, the binding or the crate root;
//! - a vendor imports only the kernel and its own folder: never another vendor, the
//!   registry, the boundary, the binding or the crate root.
//!
//! Test modules (`#[cfg(test)]` onwards, and `tests.rs` files) and comments are not
//! imports and are skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects
)]

#[cfg(not(target_arch = "wasm32"))]
mod native_only {
    use std::fs;
    use std::path::{Path, PathBuf};

    const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    /// Above the vendors: they may name any of them.
    const API_LAYER: [&str; 4] = ["lib.rs", "registry.rs", "boundary.rs", "wasm.rs"];
    /// What no vendor and no kernel file may import.
    const UPPER: [&str; 3] = ["registry", "boundary", "wasm"];

    fn vendors() -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(SRC)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("mod.rs").is_file())
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The `crate::…` paths a file's code names, outside comments and test modules (the
    /// code after `#[cfg(test)]`, and files named `tests.rs`, which hold a module's tests).
    fn crate_paths(file: &Path) -> Vec<String> {
        if file.file_name().is_some_and(|name| name == "tests.rs") {
            return Vec::new();
        }
        let text = fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut paths = Vec::new();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{').collect();
                paths.push(name);
            }
        }
        paths
    }

    /// The first path segment names a crate-root item (a type, a re-export, a glob).
    fn is_root_item(segment: &str) -> bool {
        segment.starts_with(|c: char| c.is_uppercase() || c == '{')
            || segment == "validate_json"
            || segment == "validate"
    }

    fn layer_of(file: &Path, vendors: &[String]) -> (String, Option<String>) {
        let relative = file.strip_prefix(SRC).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        if vendors.contains(&first) {
            return ("vendor".into(), Some(first));
        }
        if API_LAYER.contains(&first.as_str()) {
            return ("api".into(), None);
        }
        ("kernel".into(), None)
    }

    #[test]
    fn the_kernel_never_imports_a_vendor_and_vendors_never_import_each_other() {
        let vendors = vendors();
        assert!(vendors.len() >= 4, "vendor folders: {vendors:?}");
        let mut files = Vec::new();
        rust_files(Path::new(SRC), &mut files);
        let mut broken = Vec::new();
        for file in &files {
            let (layer, own) = layer_of(file, &vendors);
            for segment in crate_paths(file) {
                let forbidden = match layer.as_str() {
                    "kernel" => {
                        vendors.contains(&segment) || UPPER.contains(&segment.as_str()) || is_root_item(&segment)
                    }
                    "vendor" => {
                        (vendors.contains(&segment) && Some(&segment) != own.as_ref())
                            || UPPER.contains(&segment.as_str())
                            || is_root_item(&segment)
                    }
                    _ => false,
                };
                if forbidden {
                    broken.push(format!(
                        "{} ({layer}) imports crate::{segment}",
                        file.strip_prefix(SRC).unwrap().display()
                    ));
                }
            }
        }
        assert!(broken.is_empty(), "the house rules are broken:\n{}", broken.join("\n"));
    }

    #[test]
    fn every_vendor_folder_is_one_line_of_the_registry() {
        let registry = fs::read_to_string(Path::new(SRC).join("registry.rs")).unwrap();
        let list = registry.split("pub const VENDORS").nth(1).and_then(|r| r.split(';').next()).unwrap();
        for vendor in vendors() {
            let entry = format!("crate::{vendor}::VENDOR");
            assert_eq!(list.matches(&entry).count(), 1, "{vendor} must be listed once in registry::VENDORS: {list}");
        }
        let listed = list.matches("::VENDOR").count();
        assert_eq!(listed, vendors().len(), "VENDORS lists {listed} vendors, src/ holds {:?}", vendors());
    }

    #[test]
    fn the_rules_catch_what_they_are_for() {
        // The checks themselves, on lines that break them.
        let vendors = vec!["didit".to_owned(), "verifa".to_owned()];
        let dir = std::env::temp_dir().join(format!("kp-architecture-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("probe.rs");
        fs::write(&file, "use crate::didit::VENDOR;\n// use crate::verifa::X;\nuse crate::{Operation};\n#[cfg(test)]\nuse crate::verifa;\n").unwrap();
        assert_eq!(crate_paths(&file), vec!["didit", "{Operation"]);
        assert!(is_root_item("Outcome") && is_root_item("{") && !is_root_item("json"));
        assert_eq!(layer_of(&Path::new(SRC).join("didit/drf.rs"), &vendors), ("vendor".into(), Some("didit".into())));
        assert_eq!(layer_of(&Path::new(SRC).join("json/parse.rs"), &vendors).0, "kernel");
        assert_eq!(layer_of(&Path::new(SRC).join("registry.rs"), &vendors).0, "api");
        fs::remove_dir_all(dir).unwrap();
    }
}
