// Package e2e holds end-to-end tests that run the real terraform CLI against a build of the
// provider and an in-process emulator, as an operator would: the import round trip of a whole
// tenant snapshot, the offline-testing example module's terraform test, and a chaos run that
// applies, plans and destroys the quickstart and 59 more resources while the emulator injects
// faults, and the promotion of one identity model from a sandbox to a production tenant (two
// emulators, the same objects under other IDs), as its guide does it, and the access-model
// example applied to the tenant snapshot.
// They run with TF_ACC=1, like the acceptance tests (make test sets it).
package e2e
