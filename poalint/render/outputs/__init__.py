"""The output formats: each module here is one format, registered under its file name with
`@renderer("name", ...)` (see `poalint.render`). Adding a format is adding a module."""
