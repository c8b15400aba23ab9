package io.zdash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback TCP relay that a test can unplug and plug back, to cut the app off its database. */
public final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	public TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		up();
	}

	public int port() {
		return this.port;
	}

	public synchronized void up() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Refuses new connections and breaks every open one, as a database that went away. */
	public synchronized void down() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
		this.open.clear();
	}

	@Override
	public void close() throws IOException {
		down();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.open.add(client);
				this.open.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// closed by down()
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				try {
					from.close();
					to.close();
				}
				catch (IOException ignored) {
					// already closed
				}
			}
		});
		thread.setDaemon(true);
		thread.start();
	}

}
