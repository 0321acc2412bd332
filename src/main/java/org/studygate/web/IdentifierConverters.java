package org.studygate.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;

import org.studygate.Identifier;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * Reads any {@link Identifier} from a path variable or a request parameter through its
 * canonical constructor around a {@link UUID}. Malformed text fails the conversion;
 * {@link ApiErrors} and {@link PageErrors} answer that as not found.
 */
final class IdentifierConverters implements ConverterFactory<String, Identifier> {

	@Override
	public <T extends Identifier> Converter<String, T> getConverter(Class<T> type) {
		Constructor<T> constructor = constructorOf(type);
		return text -> {
			UUID value = UUID.fromString(text.strip());
			try {
				return constructor.newInstance(value);
			}
			catch (InvocationTargetException ex) {
				throw new IllegalArgumentException("not an identifier", ex.getCause());
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(type.getName() + " cannot be made from a UUID", ex);
			}
		};
	}

	private static <T> Constructor<T> constructorOf(Class<T> type) {
		try {
			return type.getConstructor(UUID.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(type.getName() + " has no public constructor taking a UUID", ex);
		}
	}

	/** Whether a failed conversion was one of an identifier: answered as not found. */
	static boolean isIdentifier(Class<?> type) {
		return type != null && Identifier.class.isAssignableFrom(type);
	}

}
