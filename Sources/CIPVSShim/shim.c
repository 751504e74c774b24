// Placeholder: the shim is being written.
