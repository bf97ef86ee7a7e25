# The yilian API. Used by docker-compose.yml together with Neo4j.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY yilian yilian
COPY loaders loaders
COPY graph graph
COPY queries queries
COPY api api
RUN pip install --no-cache-dir . && python -c "from yilian.loaders.regions import gazetteer; gazetteer()"
ENV YILIAN_STORE=file:/data/yilian.graph.json
EXPOSE 8000
CMD ["sh", "-c", "yilian serve --host 0.0.0.0 --port 8000 --store \"$YILIAN_STORE\""]
