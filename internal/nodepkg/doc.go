// Package nodepkg gets the Node.js packages the tests and benchmarks run
// (matrix-js-sdk as an independent Matrix client, Lighthouse) ready: each
// lives in a folder with a committed package.json and package-lock.json, and
// node_modules is installed from the lock file on first use. It runs natively,
// in tests and in `make bench`. Script runs one of those scripts beside a
// test and reads its JSON reports line by line.
package nodepkg
