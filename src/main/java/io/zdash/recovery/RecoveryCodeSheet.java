package io.zdash.recovery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.ui.Model;

/**
 * Puts freshly issued codes on a page: the list, and the same codes as a .txt download. The download
 * is a data URI built here, so the codes never travel in a second request and are never stored.
 */
public final class RecoveryCodeSheet {

	private RecoveryCodeSheet() {
	}

	public static void addTo(Model model, List<RecoveryCode> codes, String heading) {
		List<String> grouped = codes.stream().map(RecoveryCode::grouped).toList();
		String text = heading + "\n\n" + String.join("\n", grouped) + "\n";
		model.addAttribute("codes", grouped);
		model.addAttribute("codesText", String.join("\n", grouped));
		model.addAttribute("codesDownload",
				"data:text/plain;charset=utf-8," + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
	}

}
