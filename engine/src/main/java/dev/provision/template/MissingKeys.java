package dev.provision.template;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Jinjava's property resolver, except that a method of a string is Python's ({@link StringMethods}),
 * a slice is Python's ({@link PythonSlice}),
 * and a key missing from a mapping gives {@link Undefined} instead of null: {@code result.nokey is defined} is false while {@code result.nullkey is defined}
 * is true, as in Ansible.
 */
final class MissingKeys extends ELResolver {

  private final ELResolver delegate = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    PythonSlice slice = base == null ? null : PythonSlice.parse(property);
    if (slice != null) {
      context.setPropertyResolved(true);
      return slice.applyTo(base);
    }
    Object value = delegate.getValue(context, base, property);
    if (value == null && base instanceof Map<?, ?> map && property != null && !hasKey(map, property)) {
      context.setPropertyResolved(true);
      return Undefined.VALUE;
    }
    return value;
  }

  private static boolean hasKey(Map<?, ?> map, Object key) {
    if (map.containsKey(key) || map.containsKey(String.valueOf(key))) {
      return true;
    }
    if (key instanceof Number n) {
      return map.containsKey(n.longValue()) || map.containsKey(n.intValue());
    }
    return false;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    delegate.setValue(context, base, property, value);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return delegate.isReadOnly(context, base, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return delegate.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return delegate.getCommonPropertyType(context, base);
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base instanceof String s && method != null) {
      Object result = StringMethods.call(s, String.valueOf(method), params == null ? new Object[0] : params);
      if (result != StringMethods.NOT_A_METHOD) {
        context.setPropertyResolved(true);
        return result;
      }
    }
    return delegate.invoke(context, base, method, paramTypes, params);
  }
}
