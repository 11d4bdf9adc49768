FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ARTICLEBOT_DB=/data/articlebot.db \
    ARTICLEBOT_STATE_DIR=/data/state

RUN useradd --create-home --uid 10001 articlebot \
    && mkdir -p /data && chown articlebot:articlebot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY storage ./storage
RUN pip install .

USER articlebot
VOLUME ["/data"]
# Tokens come from the environment at run time (docker run --env-file .env), never the image.
CMD ["articlebot", "run"]
