namespace PixelCodec.Training.Runs;

public enum ScheduleKind
{
    Constant,
    Cosine,
    Exponential,
}

/// <summary>The learning rate as a function of the step alone, so a resumed run continues it exactly.</summary>
/// <param name="TotalSteps">For cosine: the step at which the rate reaches zero.</param>
/// <param name="DecayPer1000Steps">For exponential: the factor applied every 1000 steps.</param>
public sealed record LearningRateSchedule(ScheduleKind Kind, double Initial, long TotalSteps, double DecayPer1000Steps)
{
    public double At(long step) => Kind switch
    {
        ScheduleKind.Cosine => Initial * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(step, TotalSteps) / TotalSteps)),
        ScheduleKind.Exponential => Initial * Math.Pow(DecayPer1000Steps, step / 1000.0),
        _ => Initial,
    };
}
