"""arrayshim's own backend adapters, one module per framework (import name
``arrayshim_backends``). Each registers through the ``arrayshim.backends`` entry-point group,
exactly as a third-party backend would."""
