// Package dendritetest gives tests a real Dendrite through one helper. It runs
// on the test side, natively.
package dendritetest
