package dev.eventcrm.api;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests that Netty cannot decode (a request line over its limit: 414; headers too large: 431; a broken request:
 * 400) are answered by Reactor Netty itself with an empty body, before Spring sees them. This fills in the
 * problem+json body on that response, so that these errors look like every other one.
 */
final class DecodingFailureProblems implements NettyServerCustomizer {

    private static final String NAME = "eventcrm.decodingFailureProblems";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, Handler.INSTANCE);
            }
        });
    }

    @ChannelHandler.Sharable
    static final class Handler extends ChannelOutboundHandlerAdapter {
        static final Handler INSTANCE = new Handler();

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof FullHttpResponse response && isBareDecodingFailure(response)) {
                HttpStatus status = HttpStatus.valueOf(response.status().code());
                byte[] body = problem(status).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse withBody = new DefaultFullHttpResponse(response.protocolVersion(),
                        response.status(), Unpooled.wrappedBuffer(body), response.headers(),
                        response.trailingHeaders());
                withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                withBody.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                super.write(context, withBody, promise);
                return;
            }
            super.write(context, message, promise);
        }

        // Reactor Netty's decoding-failure answer: a client error, no body, no type, and the connection closing.
        private static boolean isBareDecodingFailure(FullHttpResponse response) {
            int code = response.status().code();
            return code >= 400 && code < 500 && HttpStatus.resolve(code) != null
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }

        static String problem(HttpStatus status) {
            String slug = status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            String detail = switch (status) {
                case URI_TOO_LONG -> "The request line is longer than this service accepts";
                case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are larger than this service accepts";
                default -> "The request is not valid HTTP";
            };
            return "{\"type\":\"" + Problem.type(slug) + "\",\"title\":\"" + ApiException.humanize(slug)
                    + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}";
        }
    }
}
