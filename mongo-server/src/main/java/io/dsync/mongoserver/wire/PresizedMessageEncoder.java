package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.dsync.mongoserver.cursor.BsonSize;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * mongo-java-server's OP_MSG encoder, writing into a heap buffer allocated at the reply's final
 * size: a 16 MiB cursor batch is encoded without repeated buffer growth and copying.
 */
public final class PresizedMessageEncoder extends MongoWireMessageEncoder {

    private static final int HEADER_AND_FLAGS = 16 + 4 + 1;

    @Override
    protected ByteBuf allocateBuffer(
            ChannelHandlerContext ctx, MongoMessage msg, boolean preferDirect) {
        return ctx.alloc().heapBuffer(HEADER_AND_FLAGS + BsonSize.of(msg.getDocument()));
    }
}
