package io.zdash.twofactor;

import java.util.concurrent.TimeUnit;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What drawing the enrollment QR code costs on every visit to the setup page: {@code render} is
 * what the page pays, {@code matrix} is ZXing's encoding alone, so the difference is our SVG
 * path building. The URI is a realistic one: issuer "Z-API", a long e-mail address with a '+' that
 * gets percent-encoded, and a 32-character Base32 secret (20 bytes, as enrollment issues).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QrCodeSvgBenchmark {

	private static final String LABEL = "QR code to scan with your authenticator app";

	private String uri;

	@Setup
	public void setUp() {
		this.uri = new OtpAuthUri("Z-API", "maria.fernanda.oliveira+billing@contabilidade-exemplo.com.br",
				"JBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQ").value();
	}

	@Benchmark
	public String render() {
		return QrCodeSvg.render(this.uri, LABEL);
	}

	@Benchmark
	public ByteMatrix matrix() {
		return QrCodeSvg.matrix(this.uri);
	}

}
