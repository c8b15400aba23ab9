package io.zdash.twofactor;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * Renders a QR code as an inline SVG on our own server: the key URI must never be sent to a
 * third-party QR service. One path of unit squares keeps the markup small and crisp at any zoom.
 */
final class QrCodeSvg {

	/** The quiet zone the QR specification asks for, in modules. */
	private static final int QUIET_ZONE = 4;

	private QrCodeSvg() {
	}

	static ByteMatrix matrix(String text) {
		try {
			return Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Text does not fit in a QR code", ex);
		}
	}

	/**
	 * @param label accessible name of the image, already free of markup characters is not assumed:
	 * it is escaped here
	 */
	static String render(String text, String label) {
		ByteMatrix matrix = matrix(text);
		int size = matrix.getWidth() + 2 * QUIET_ZONE;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y) == 1) {
					path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" width=\"240\" height=\"240\" role=\"img\" aria-label=\"" + escape(label)
				+ "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
				+ path + "\"/></svg>";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
