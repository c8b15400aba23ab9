package io.zdash.web;

import io.zdash.support.UserAgents;

import org.springframework.stereotype.Component;

/**
 * Names devices on pages as the sessions list does, "Chrome on Linux", never the raw user agent:
 * {@code #{sessions.device(${@devices.browser(ua)}, ${@devices.system(ua)})}}.
 */
@Component("devices")
class DeviceNames {

	public String browser(String userAgent) {
		return UserAgents.browser(userAgent);
	}

	public String system(String userAgent) {
		return UserAgents.system(userAgent);
	}

}
