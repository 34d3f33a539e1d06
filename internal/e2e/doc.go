// Package e2e holds end-to-end tests that run the real terraform CLI against a build of the
// provider and an in-process emulator, as an operator would: the import round trip of a whole
// tenant snapshot, and the offline-testing example module's terraform test. They run with
// TF_ACC=1, like the acceptance tests (make test sets it).
package e2e
