package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.dsync.mongoserver.bson.BsonDocumentEncoder;
import io.dsync.mongoserver.cursor.BsonSize;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes an OP_MSG reply (one body section) with this server's BSON encoder, into a heap buffer
 * allocated at the reply's final size: a 16 MiB cursor batch is encoded without repeated buffer
 * growth. See the MongoDB wire protocol, "OP_MSG".
 */
public final class OpMsgEncoder extends MessageToByteEncoder<MongoMessage> {

    private static final int HEADER_AND_FLAGS = 16 + 4 + 1;

    @Override
    protected ByteBuf allocateBuffer(
            ChannelHandlerContext ctx, MongoMessage msg, boolean preferDirect) {
        return ctx.alloc().heapBuffer(HEADER_AND_FLAGS + BsonSize.of(msg.getDocument()));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MongoMessage message, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(message.getHeader().getRequestID());
        out.writeIntLE(message.getHeader().getResponseTo());
        out.writeIntLE(OpCode.OP_MSG.getId());
        out.writeIntLE(message.getFlags());
        out.writeByte(MongoMessage.SECTION_KIND_BODY);
        BsonDocumentEncoder.encode(message.getDocument(), out);
        out.setIntLE(start, out.writerIndex() - start);
    }
}
