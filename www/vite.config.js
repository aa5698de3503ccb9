// Vite for the review console: serves and builds www/ only; `kyc-preflight` resolves
// through node_modules/kyc-preflight → pkg/ (scripts/start.mjs and the test step make
// the link), so the console loads the built package by its public name and exports map.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const www = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: www,
  base: "./",
  clearScreen: false,
  publicDir: false,
  server: { host: "127.0.0.1", fs: { allow: [repo] } },
  preview: { host: "127.0.0.1" },
  // The package inlines its wasm (base64) so imports stay synchronous: one ~500 kB chunk is expected.
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
});
