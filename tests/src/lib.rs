//! Integration tests and the compile-fail suite of certifier-error; nothing to use here.
