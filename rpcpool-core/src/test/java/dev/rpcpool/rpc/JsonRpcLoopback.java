package dev.rpcpool.rpc;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** A Java jsonrpc server with the demo services and a connector to it, on loopback, for tests. */
final class JsonRpcLoopback implements AutoCloseable {
    final EventLoopResources loops;
    final RpcServer server;
    final InetSocketAddress address;
    final RpcConnector connector;

    JsonRpcLoopback() {
        this(s -> s, c -> c);
    }

    JsonRpcLoopback(UnaryOperator<RpcServerOptions.Builder> serverOptions, UnaryOperator<RpcClientOptions.Builder> clientOptions) {
        loops = EventLoopResources.create(2);
        server = DemoServices.registerAll(new RpcServer(loops,
                serverOptions.apply(RpcServerOptions.builder(new JsonRpcCodec())).build()));
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
        connector = new RpcConnector(loops, clientOptions.apply(RpcClientOptions.builder(new JsonRpcCodec())).build());
    }

    RpcClient connect() {
        return connector.connect(address);
    }

    @Override
    public void close() {
        server.close();
        loops.close();
    }
}
