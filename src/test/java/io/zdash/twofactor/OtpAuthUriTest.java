package io.zdash.twofactor;

import java.awt.image.BufferedImage;
import java.net.URI;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtpAuthUriTest {

	private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void whenBuiltThenAppsGetIssuerLabelAndTheirOnlyCommonParameters() {
		String uri = new OtpAuthUri("Z-API", "alice@example.com", SECRET).value();
		assertThat(uri).isEqualTo("otpauth://totp/Z-API:alice@example.com?secret=" + SECRET
				+ "&issuer=Z-API&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void whenIssuerHasSpaceAndEmailHasPlusThenPercentEncodedPerRfc3986() {
		String uri = new OtpAuthUri("Acme Corp", "bob+2fa@example.com", SECRET).value();
		assertThat(uri).startsWith("otpauth://totp/Acme%20Corp:bob%2B2fa@example.com?")
			.contains("&issuer=Acme%20Corp&")
			.doesNotContain("+");
		URI parsed = URI.create(uri);
		assertThat(parsed.getPath()).isEqualTo("/Acme Corp:bob+2fa@example.com");
	}

	@Test
	void whenNonAsciiThenUtf8PercentEncoded() {
		assertThat(OtpAuthUri.encode("José Ñ", false)).isEqualTo("Jos%C3%A9%20%C3%91");
	}

	@Test
	void whenQrRenderedThenItDecodesToTheUri() throws Exception {
		String uri = new OtpAuthUri("Z-API", "alice@example.com", SECRET).value();
		assertThat(decode(QrCodeSvg.matrix(uri))).isEqualTo(uri);
		assertThat(QrCodeSvg.render(uri, "QR <code>")).startsWith("<svg").contains("aria-label=\"QR &lt;code&gt;\"")
			.doesNotContain(SECRET);
	}

	@Test
	void whenPrintedThenTheSecretIsHidden() {
		assertThat(new OtpAuthUri("Z-API", "a@b.c", SECRET).toString()).doesNotContain(SECRET);
	}

	/** Draws the modules 4 px each with a quiet zone, as a camera would see them, and reads them back. */
	static String decode(ByteMatrix matrix) throws Exception {
		int scale = 4;
		int border = 4 * scale;
		int size = matrix.getWidth() * scale + 2 * border;
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int mx = (x - border) / scale;
				int my = (y - border) / scale;
				boolean dark = x >= border && y >= border && mx < matrix.getWidth() && my < matrix.getHeight()
						&& matrix.get(mx, my) == 1;
				image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
			}
		}
		LuminanceSource source = new BufferedImageLuminanceSource(image);
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
	}

}
