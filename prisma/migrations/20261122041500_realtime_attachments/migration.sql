-- The socket.io PostgreSQL adapter (docs/decisions/0005-realtime.md) sends events between app
-- processes with NOTIFY; a message over NOTIFY's 8,000-byte limit (or with binary data) is stored here
-- and only its id is notified. The adapter deletes rows older than 30 seconds. Modelled in
-- schema.prisma (SocketIoAttachment) so it is not drift.

-- CreateTable
CREATE TABLE "socket_io_attachments" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" BYTEA NOT NULL,

    CONSTRAINT "socket_io_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "socket_io_attachments_created_at_idx" ON "socket_io_attachments"("created_at");
