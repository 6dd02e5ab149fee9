package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.dsync.mongoserver.bson.BsonDocumentEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a legacy OP_REPLY (the answer to an OP_QUERY, which drivers use for their first handshake)
 * with this server's BSON encoder. See the MongoDB wire protocol, "OP_REPLY".
 */
public final class OpReplyEncoder extends MessageToByteEncoder<MongoReply> {

    @Override
    protected void encode(ChannelHandlerContext ctx, MongoReply reply, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(reply.getHeader().getRequestID());
        out.writeIntLE(reply.getHeader().getResponseTo());
        out.writeIntLE(OpCode.OP_REPLY.getId());
        out.writeIntLE(reply.getFlags());
        out.writeLongLE(reply.getCursorId());
        out.writeIntLE(reply.getStartingFrom());
        out.writeIntLE(reply.getDocuments().size());
        for (Document document : reply.getDocuments()) {
            BsonDocumentEncoder.encode(document, out);
        }
        out.setIntLE(start, out.writerIndex() - start);
    }
}
