package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.dsync.mongoserver.bson.BsonDocumentDecoder;
import io.dsync.mongoserver.topology.ServerVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream into requests (OP_MSG, and the legacy OP_QUERY of drivers' first handshake)
 * and decodes their documents with {@link BsonDocumentDecoder}, which keeps every BSON type
 * exactly.
 *
 * <p>OP_MSG flags: {@code checksumPresent} (the CRC is skipped, not verified) and {@code
 * exhaustAllowed} (drivers set it on awaitable {@code hello}s; it only permits streamed replies,
 * and the server answers each request once, as the protocol allows) are accepted; {@code
 * moreToCome} (unacknowledged writes) is refused. See the MongoDB wire protocol, "OP_MSG".
 */
public final class RequestDecoder extends ByteToMessageDecoder {

    private static final int HEADER_LENGTH = 16;
    private static final int CHECKSUM_PRESENT = 1;
    private static final int MORE_TO_COME = 1 << 1;
    private static final int EXHAUST_ALLOWED = 1 << 16;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getIntLE(in.readerIndex());
        if (length < HEADER_LENGTH || length > ServerVersion.MAX_MESSAGE_SIZE_BYTES) {
            throw new DecoderException("invalid message length " + length);
        }
        if (in.readableBytes() < length) {
            return;
        }
        ByteBuf message = in.readSlice(length);
        message.skipBytes(4);
        MessageHeader header = new MessageHeader(length, message.readIntLE(), message.readIntLE());
        int opCode = message.readIntLE();
        if (opCode == OpCode.OP_MSG.getId()) {
            out.add(opMsg(ctx, header, message));
        } else if (opCode == OpCode.OP_QUERY.getId()) {
            out.add(opQuery(ctx, header, message));
        } else {
            throw new DecoderException("unsupported wire protocol opCode " + opCode);
        }
    }

    private static MongoMessage opMsg(ChannelHandlerContext ctx, MessageHeader header, ByteBuf in) {
        int flags = in.readIntLE();
        if ((flags & MORE_TO_COME) != 0) {
            throw new DecoderException(
                    "OP_MSG with moreToCome (unacknowledged writes, w:0) is not supported");
        }
        if ((flags & ~(CHECKSUM_PRESENT | MORE_TO_COME | EXHAUST_ALLOWED)) != 0) {
            throw new DecoderException("unsupported OP_MSG flags " + Integer.toHexString(flags));
        }
        int end = in.writerIndex() - ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0);
        Document body = null;
        Document sequences = new Document();
        while (in.readerIndex() < end) {
            byte kind = in.readByte();
            if (kind == MongoMessage.SECTION_KIND_BODY && body == null) {
                body = BsonDocumentDecoder.decode(in);
            } else if (kind == MongoMessage.SECTION_KIND_DOCUMENT_SEQUENCE) {
                int sectionStart = in.readerIndex();
                int sectionEnd = sectionStart + in.readIntLE();
                String identifier = BsonDocumentDecoder.readCString(in);
                List<Document> documents = new ArrayList<>();
                while (in.readerIndex() < sectionEnd) {
                    documents.add(BsonDocumentDecoder.decode(in));
                }
                sequences.put(identifier, documents);
            } else {
                throw new DecoderException("unexpected OP_MSG section kind " + kind);
            }
        }
        if (body == null) {
            throw new DecoderException("OP_MSG without a body section");
        }
        for (var sequence : sequences.entrySet()) {
            if (body.put(sequence.getKey(), sequence.getValue()) != null) {
                throw new DecoderException(
                        "OP_MSG field '" + sequence.getKey() + "' in the body and a sequence");
            }
        }
        in.readerIndex(in.writerIndex());
        return new MongoMessage(ctx.channel(), header, body);
    }

    private static MongoQuery opQuery(ChannelHandlerContext ctx, MessageHeader header, ByteBuf in) {
        in.readIntLE(); // flags: only secondaryOk/noCursorTimeout matter to drivers' handshakes
        String collection = BsonDocumentDecoder.readCString(in);
        int skip = in.readIntLE();
        int limit = in.readIntLE();
        Document query = BsonDocumentDecoder.decode(in);
        Document fields = in.isReadable() ? BsonDocumentDecoder.decode(in) : null;
        return new MongoQuery(ctx.channel(), header, collection, skip, limit, query, fields);
    }
}
