"""The floor the API is measured against: a bare FastAPI app with one route, served by the same
uvicorn (uvloop + httptools) with one worker. `def` as our read routes were; `async def` too,
to show what the framework does without a thread hop."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.get("/health-async")
async def health_async() -> dict:
    return {"status": "ok"}
