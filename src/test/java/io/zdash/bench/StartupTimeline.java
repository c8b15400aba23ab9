package io.zdash.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.zdash.ZdashApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where start-up goes (not a test): starts the application with Spring's buffering start-up
 * recorder, prints the slowest steps (bean instantiations count their dependencies too), then stops.
 * Usage: StartupTimeline [how many=25] [application arguments...]
 */
public final class StartupTimeline {

	public static void main(String[] args) {
		int top = (args.length > 0) ? Integer.parseInt(args[0]) : 25;
		SpringApplication application = new SpringApplication(ZdashApplication.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
		application.setApplicationStartup(startup);
		long begin = System.nanoTime();
		ConfigurableApplicationContext context = application.run(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
		System.out.printf("context ready after %d ms%n", (System.nanoTime() - begin) / 1_000_000);
		List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<String, Long> byStep = events.stream()
			.collect(Collectors.groupingBy(e -> e.getStartupStep().getName(), Collectors.summingLong(e -> e.getDuration().toMillis())));
		System.out.println("by step name, ms (nested steps count in their parents too):");
		byStep.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
			.forEach(e -> System.out.printf("  %6d %s%n", e.getValue(), e.getKey()));
		System.out.println("slowest single steps:");
		events.stream().sorted(Comparator.comparing(TimelineEvent::getDuration).reversed()).limit(top)
			.forEach(e -> System.out.printf("  %6d %s %s%n", e.getDuration().toMillis(), e.getStartupStep().getName(), describe(e)));
		context.close();
	}

	private static String describe(TimelineEvent event) {
		StringBuilder tags = new StringBuilder();
		event.getStartupStep().getTags().forEach(tag -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
		return tags.toString();
	}

}
