"""The project's tests (a package, so shared support code imports normally: ``tests.reference``)."""
