package io.zdash.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every piece of UI text comes from messages*.properties, in both languages: a key missing from
 * either file, a key a template or controller uses but nobody defined, or text typed straight into a
 * template fails here.
 */
class MessagesTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path JAVA = Path.of("src/main/java");

	/** Literal keys in templates: #{some.key} or #{some.key(args)}. */
	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[}(]");

	/** Message keys handed to pages from Java, e.g. "setup.error.wrong" (not "zdash.*" settings or loggers). */
	private static final Pattern JAVA_KEY = Pattern.compile("\"((?!zdash\\.)[a-z]+(?:\\.[a-zA-Z]+)+)\"");

	/** Attributes people read or hear; they must be th:-bound too. */
	private static final List<String> TEXT_ATTRIBUTES = List.of("aria-label", "title", "placeholder", "alt");

	@Test
	void whenComparedThenBothLanguagesHaveExactlyTheSameKeys() throws IOException {
		assertThat(load("messages_pt_BR.properties").stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
	}

	@Test
	void whenTemplatesAndControllersUseAKeyThenItIsDefined() throws IOException {
		Set<String> defined = load("messages.properties").stringPropertyNames();
		Set<String> used = new TreeSet<>();
		for (Path template : files(TEMPLATES, ".html")) {
			Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
			while (m.find()) {
				used.add(m.group(1));
			}
		}
		assertThat(used).hasSizeGreaterThan(50);
		for (Path source : files(JAVA, ".java")) {
			Matcher m = JAVA_KEY.matcher(Files.readString(source));
			while (m.find()) {
				used.add(m.group(1));
			}
		}
		assertThat(defined).containsAll(used);
	}

	@Test
	void whenSecurityEventsAreShownThenEveryTypeHasItsText() throws IOException {
		Set<String> defined = load("messages.properties").stringPropertyNames();
		for (io.zdash.audit.SecurityEvent.Type type : io.zdash.audit.SecurityEvent.Type.values()) {
			assertThat(defined).contains("event." + type.name());
		}
	}

	@Test
	void whenTemplatesReadThenNoTextIsTypedIntoThem() throws IOException {
		List<String> hardCoded = new ArrayList<>();
		for (Path template : files(TEMPLATES, ".html")) {
			for (Element element : Jsoup.parse(Files.readString(template)).getAllElements()) {
				if (isBound(element) || element.hasAttr("lang") || element.tagName().equals("script")) {
					continue;
				}
				for (TextNode text : element.textNodes()) {
					if (!text.text().isBlank()) {
						hardCoded.add(template.getFileName() + ": <" + element.tagName() + "> " + text.text().strip());
					}
				}
				for (String attribute : TEXT_ATTRIBUTES) {
					if (element.hasAttr(attribute)) {
						hardCoded.add(template.getFileName() + ": " + attribute + "=" + element.attr(attribute));
					}
				}
			}
		}
		assertThat(hardCoded).isEmpty();
	}

	/** Text inside an element whose content Thymeleaf replaces is only a design-time placeholder. */
	private static boolean isBound(Element element) {
		for (Element e = element; e != null; e = e.parent()) {
			// A page's root <html th:replace> hands the page to the layout; its content is real text.
			boolean replaced = e.hasAttr("th:replace") && !e.tagName().equals("html");
			if (e.hasAttr("th:text") || e.hasAttr("th:utext") || replaced) {
				return true;
			}
		}
		return false;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessagesTest.class.getResourceAsStream("/" + name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(p -> p.toString().endsWith(suffix)).toList();
		}
	}

}
