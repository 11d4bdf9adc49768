FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ARTICLEBOT_DB=/data/articlebot.db \
    ARTICLEBOT_STATE_DIR=/data/state

RUN useradd --create-home --uid 10001 articlebot \
    && mkdir -p /data && chown articlebot:articlebot /data

WORKDIR /app
# The locked, hash-checked dependencies first (a layer that changes only with the lock), then
# the project itself without resolving anything again.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY storage ./storage
RUN pip install --no-deps .

USER articlebot
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s CMD ["articlebot", "check"]
# Tokens come from the environment at run time (docker run --env-file .env), never the image.
CMD ["articlebot", "run"]
