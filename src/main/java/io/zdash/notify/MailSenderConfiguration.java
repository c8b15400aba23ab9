package io.zdash.notify;

import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * The SMTP client, from Spring Boot's {@code spring.mail.*} settings, always defined. Spring Boot
 * defines its own only when {@code spring.mail.host} is set, and the production layout's
 * ahead-of-time processing (docs/operations.md) decides which beans exist when the jar is built: a
 * host given at run time would find no client and every email would go to the log. So the client
 * always exists, and {@link Mailer} asks the settings, at run time, whether a host is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailSenderConfiguration {

	@Bean
	JavaMailSender mailSender(MailProperties mail, ObjectProvider<SslBundles> bundles) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(mail.getHost());
		if (mail.getPort() != null) {
			sender.setPort(mail.getPort());
		}
		sender.setUsername(mail.getUsername());
		sender.setPassword(mail.getPassword());
		sender.setProtocol(mail.getProtocol());
		if (mail.getDefaultEncoding() != null) {
			sender.setDefaultEncoding(mail.getDefaultEncoding().name());
		}
		Properties properties = new Properties();
		properties.putAll(mail.getProperties());
		// As Spring Boot's own client does: spring.mail.ssl.* become JavaMail's settings.
		String protocol = StringUtils.hasLength(mail.getProtocol()) ? mail.getProtocol() : "smtp";
		MailProperties.Ssl ssl = mail.getSsl();
		if (ssl.isEnabled()) {
			properties.setProperty("mail." + protocol + ".ssl.enable", "true");
		}
		if (ssl.isVerifyHostname()) {
			properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
		}
		if (StringUtils.hasLength(ssl.getBundle())) {
			SslBundles available = bundles.getIfAvailable();
			if (available == null) {
				throw new IllegalStateException("spring.mail.ssl.bundle is set but no SSL bundles are configured");
			}
			properties.put("mail." + protocol + ".ssl.socketFactory",
					available.getBundle(ssl.getBundle()).createSslContext().getSocketFactory());
		}
		sender.setJavaMailProperties(properties);
		return sender;
	}

}
