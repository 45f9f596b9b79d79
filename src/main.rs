//! The `tacha` binary: parses arguments and maps the library's outcome to an exit code.
fn main() {}
