import typer
app = typer.Typer()
@app.command()
def hello():
    from yilian.loaders import x
    print(x.X)
@app.command()
def b(): pass
