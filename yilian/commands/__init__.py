"""The `yilian` command line, one module per group of commands; yilian/cli.py assembles them.
A new command goes into the module of its group (or a new module listed in yilian/cli.py),
decorated with `@app.command()` from `common.py`."""
