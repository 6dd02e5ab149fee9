package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * mongo-java-server's message decoder, accepting the OP_MSG {@code exhaustAllowed} flag that
 * drivers set on awaitable {@code hello}s. The flag only permits the server to stream replies; the
 * server answers each request once (without {@code moreToCome}), which the protocol allows. See the
 * MongoDB wire protocol, "OP_MSG flag bits".
 */
public final class ExhaustAllowedFlagFilter extends MongoWireProtocolHandler {

    private static final int OP_MSG = 2013;
    private static final int EXHAUST_ALLOWED = 1 << 16;
    private static final int OPCODE_OFFSET = 12;
    private static final int FLAGS_OFFSET = 16;

    @Override
    protected ClientRequest decode(ChannelHandlerContext ctx, ByteBuf buf) throws Exception {
        int start = buf.readerIndex();
        if (buf.readableBytes() >= FLAGS_OFFSET + 4
                && buf.getIntLE(start + OPCODE_OFFSET) == OP_MSG) {
            int flags = buf.getIntLE(start + FLAGS_OFFSET);
            if ((flags & EXHAUST_ALLOWED) != 0) {
                buf.setIntLE(start + FLAGS_OFFSET, flags & ~EXHAUST_ALLOWED);
            }
        }
        return super.decode(ctx, buf);
    }
}
