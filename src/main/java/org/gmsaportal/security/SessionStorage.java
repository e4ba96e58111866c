package org.gmsaportal.security;

import java.nio.file.Path;
import java.util.Locale;

import org.gmsaportal.keys.DataCipher;
import org.gmsaportal.keys.SharedKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.util.StringUtils;

/**
 * Sessions are kept in the database so that every instance knows a signed-in person; each attribute is serialized
 * and then encrypted under the data key ({@code gmsa.keys.data-key}). A session briefly holds what is shown once
 * after a redirect (a new API client's token and signing secret), and the database must never hold those readable.
 * The session id itself stays readable (Spring Session looks sessions up by it): whoever can read the sessions table
 * can take over a session that has not expired, as with any server-side session store.
 */
@Configuration(proxyBeanMethods = false)
class SessionStorage {

	private static final String PURPOSE = "session attribute";

	/**
	 * The session cookie as the portal's settings describe it ({@code server.servlet.session.cookie.*}: JSESSIONID,
	 * HttpOnly, SameSite=Strict, Secure behind TLS), wherever the application runs: Boot maps these settings onto
	 * Spring Session's cookie only with an embedded server, and a MockMvc test would otherwise see another cookie.
	 */
	@Bean
	CookieSerializer sessionCookie(@Value("${server.servlet.session.cookie.name:JSESSIONID}") String name,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secure,
			@Value("${server.servlet.session.cookie.same-site:strict}") String sameSite) {
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName(name);
		cookie.setUseHttpOnlyCookie(true);
		if (secure) {
			cookie.setUseSecureCookie(true);
		}
		// else left unset: Secure follows the request, so a request that came over TLS (directly, or through a
		// trusted proxy's X-Forwarded-Proto) still gets a Secure cookie, as Tomcat's own cookie did.
		cookie.setSameSite(StringUtils.capitalize(sameSite.toLowerCase(Locale.ROOT)));
		return cookie;
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> encryptedSessionAttributes(JdbcClient jdbc,
			@Value("${spring.datasource.url:}") String url, @Value("${gmsa.keys.data-key:}") String key,
			@Value("${gmsa.keys.data-key-file:" + DataCipher.DEFAULT_FILE + "}") Path file) {
		DataCipher cipher = DataCipher.load(new SharedKeys(jdbc, url), key, file);
		SerializingConverter serializer = new SerializingConverter();
		DeserializingConverter deserializer = new DeserializingConverter(SessionStorage.class.getClassLoader());
		GenericConversionService conversion = new GenericConversionService();
		conversion.addConverter(Object.class, byte[].class,
				(value) -> cipher.seal(serializer.convert(value), PURPOSE, ""));
		conversion.addConverter(byte[].class, Object.class,
				(sealed) -> deserializer.convert(cipher.open(sealed, PURPOSE, "")));
		return (repository) -> repository.setConversionService(conversion);
	}

}
