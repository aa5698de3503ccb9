// The DRF oracle's toolchain: a Python virtual environment at target/drf-venv holding
// the pinned Django and Django REST Framework of tests/drf/requirements.txt, installed
// from PyPI when missing or when the pins change (idempotent; ~10 s once).
//   node scripts/drf.mjs    installs if needed, then runs the oracle's differential test
//                           against the built package (pkg/, or KP_ORACLE_PKG=<dir>)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { log, root, run } from "./toolchain.mjs";

export const DRF_VENV = join(root, "target", "drf-venv");
export const DRF_PYTHON = join(DRF_VENV, "bin", "python");
const REQUIREMENTS = join(root, "tests", "drf", "requirements.txt");
const STAMP = join(DRF_VENV, ".requirements-sha256");

function systemPython() {
  // Django 5.2 needs Python 3.10+; a venv needs ensurepip (Debian: python3-venv).
  for (const name of ["python3", "/usr/bin/python3", "python"]) {
    const res = spawnSync(name, ["-c", "import sys, venv, ensurepip; print(sys.version_info >= (3, 10))"], { encoding: "utf8" });
    if (res.status === 0 && res.stdout.trim() === "True") return name;
  }
  throw new Error("the DRF oracle needs Python 3.10 or later with the venv module (python3 -m venv)");
}

export function ensureDrfVenv() {
  const wanted = createHash("sha256").update(readFileSync(REQUIREMENTS)).digest("hex");
  if (existsSync(DRF_PYTHON) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === wanted) return DRF_PYTHON;
  log("installing the DRF oracle's pinned Django and djangorestframework into target/drf-venv");
  run(systemPython(), ["-m", "venv", "--clear", DRF_VENV]);
  run(DRF_PYTHON, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r", REQUIREMENTS]);
  writeFileSync(STAMP, wanted);
  return DRF_PYTHON;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureDrfVenv();
  run(process.execPath, ["--test", "--test-reporter=spec", join(root, "tests", "drf", "oracle.test.mjs")]);
}
