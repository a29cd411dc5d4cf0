// Package synapsetest gives tests a real Synapse through one helper, as
// internal/dendrite/dendritetest does for Dendrite. It runs on the test side.
package synapsetest
