"""Checks for a hub or Binder image (`make hub-check`, run by .ci/run after `make test`).

The files are named check_*.py, not test_*.py, so `make test` does not collect them: they need the
package registry (repo2docker's environment, a resolver run) and take a minute or two.
"""
